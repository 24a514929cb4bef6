using System.Text;
using Outreach.Demo.Secrets;

namespace Outreach.Demo.Hosting;

/// <summary>The box printed once everything answers: where to click and how to log in.</summary>
internal static class DemoBanner
{
    public static string Render(Uri dashboard, Uri sandbox, int smtpPort, IReadOnlyList<StaffAccount> staff, string credentialsFile)
    {
        var rights = new Dictionary<string, string>
        {
            ["admin"] = "everything",
            ["operator"] = "retry, requeue, delete, run now",
            ["viewer"] = "read-only",
        };
        var userWidth = staff.Max(s => s.Username.Length);
        var passwordWidth = staff.Max(s => s.Password.Length);
        var lines = new List<string>
        {
            "The Outreach hub demo is running.",
            "",
            $"  Dashboard  {dashboard}",
            $"  Hangfire   {new Uri(dashboard, "hangfire")}",
            $"  Sandbox    {sandbox}   (community systems GL01, GL02; fault injection)",
            $"  Mail       {new Uri(sandbox, "mail")}   (what the hub sent; SMTP 127.0.0.1:{smtpPort})",
            "  File drops .local/demo/drops/GL03, .local/demo/drops/GL04",
            "",
            $"  Staff logins (kept in {credentialsFile}):",
        };
        lines.AddRange(staff.Select(s =>
            $"    {s.Username.PadRight(userWidth)}  {s.Password.PadRight(passwordWidth)}  {rights.GetValueOrDefault(s.Role, s.Role)}"));
        lines.AddRange(
        [
            "",
            "  Schedule housekeeping-demo runs every minute: watch it under Hangfire > Jobs > Succeeded.",
            "  Ctrl+C stops everything. Start over with: rm -rf .local/demo",
        ]);

        var width = lines.Max(l => l.Length);
        var border = "+" + new string('-', width + 2) + "+";
        var box = new StringBuilder().AppendLine(border);
        foreach (var line in lines)
        {
            box.Append("| ").Append(line.PadRight(width)).AppendLine(" |");
        }

        return box.Append(border).ToString();
    }
}
