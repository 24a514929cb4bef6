using System.Text.RegularExpressions;

namespace Outreach.Worker.Readers.Sync;

/// <summary>
/// Masks what looks like personal data in a raw roster row before it is kept in quarantine: ID numbers,
/// mobile numbers and email addresses. Staff see enough to find the row at the source, nothing more.
/// </summary>
public static partial class RawRowMasker
{
    public static string Mask(string raw)
    {
        var masked = IdNumberPattern().Replace(raw, m => m.Value[..6] + new string('*', 8) + m.Value[^4..]);
        masked = PhonePattern().Replace(masked, m => m.Value[..3] + "****" + m.Value[^4..]);
        masked = EmailPattern().Replace(masked, m => m.Groups["first"].Value + "***@" + m.Groups["domain"].Value);
        // Anything else long and digit-only (a malformed ID number) keeps only its ends.
        return LongDigitsPattern().Replace(masked, m => m.Value[..2] + new string('*', m.Value.Length - 4) + m.Value[^2..]);
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])")]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"(?<first>[^\s,;""'@<>])[^\s,;""'@<>]*@(?<domain>[^\s,;""'@<>]+)")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![0-9*])[0-9]{12,}(?![0-9])")]
    private static partial Regex LongDigitsPattern();
}
