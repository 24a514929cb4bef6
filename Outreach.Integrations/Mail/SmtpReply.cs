using System.Text.RegularExpressions;
using Outreach.Integrations.PersonalData;

namespace Outreach.Integrations.Mail;

/// <summary>Server replies as the hub keeps and shows them: addresses masked, length bounded.</summary>
public static partial class SmtpReply
{
    private const int MaxLength = 500;

    /// <summary>"550 5.1.1 &lt;zhang@example.cn&gt; unknown" becomes "550 5.1.1 &lt;z***@example.cn&gt; unknown".</summary>
    public static string Scrub(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply))
            return "";
        var masked = AddressPattern().Replace(reply.ReplaceLineEndings(" ").Trim(), m => Masking.Email(m.Value));
        return masked.Length <= MaxLength ? masked : masked[..MaxLength];
    }

    [GeneratedRegex(@"[^\s<>""'(),;:@]+@[A-Za-z0-9.\-]+")]
    private static partial Regex AddressPattern();
}
