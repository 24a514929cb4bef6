using System.Text.RegularExpressions;

namespace Outreach.Integrations.PersonalData;

/// <summary>
/// Masks what looks like personal data in free text the hub did not write itself (a relay's reply, a partner's error):
/// ID numbers keep only their first six and last four characters, mobile numbers their first three and last four,
/// email addresses their first character and domain, and any other long run of digits its two ends.
/// </summary>
public static partial class TextScrubber
{
    public static string Scrub(string text)
    {
        var masked = IdNumberPattern().Replace(text, m => IdNumber.Mask(m.Value));
        masked = PhonePattern().Replace(masked, m => Masking.Phone(m.Value));
        masked = EmailPattern().Replace(masked, m => m.Groups["first"].Value + "***@" + m.Groups["domain"].Value);
        return LongDigitsPattern().Replace(masked, m => m.Value[..2] + new string('*', m.Value.Length - 4) + m.Value[^2..]);
    }

    /// <summary>The text scrubbed, or null for null.</summary>
    public static string? ScrubOrNull(string? text) => text is null ? null : Scrub(text);

    [GeneratedRegex(@"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])")]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"(?<first>[^\s,;""'@<>:])[^\s,;""'@<>:]*@(?<domain>[^\s,;""'@<>]+)")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![0-9*])[0-9]{12,}(?![0-9])")]
    private static partial Regex LongDigitsPattern();
}
