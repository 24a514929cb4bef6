using Outreach.Sandbox.Communities;
using Outreach.Sandbox.Mail;

namespace Outreach.Sandbox.Hosting;

/// <summary>What the standalone sandbox prints at start: where everything is, so the demo can be wired to it.</summary>
internal static class SandboxBanner
{
    public static void Write(SandboxHost sandbox, SandboxOptions options, TextWriter output)
    {
        output.WriteLine($"Outreach sandbox at {sandbox.BaseUrl}");
        output.WriteLine($"  SMTP        127.0.0.1:{sandbox.SmtpPort}  (mail: {new Uri(sandbox.BaseUrl, "mail")})");
        output.WriteLine($"  IMAP        127.0.0.1:{sandbox.Bounces.Port}  (bounce mailbox, user {ImapMailboxServer.User})");
        foreach (var community in sandbox.Communities.List())
        {
            var seed = options.Communities.Find(c => string.Equals(c.Code, community.Code, StringComparison.OrdinalIgnoreCase));
            output.WriteLine(community.Kind == CommunityKind.Rest
                ? $"  {community.Code,-10}  rest, {community.Residents} residents at {sandbox.CommunityBaseUrl(community.Code)} (token {seed?.EffectiveToken})"
                : $"  {community.Code,-10}  csv, {community.Residents} residents, drops in {options.DropFolder}");
        }

        output.WriteLine($"  Faults      {new Uri(sandbox.BaseUrl, "_sandbox/faults")}");
        output.WriteLine("Press Ctrl+C to stop.");
    }
}
