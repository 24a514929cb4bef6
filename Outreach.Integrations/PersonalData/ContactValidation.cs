using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Outreach.Integrations.PersonalData;

/// <summary>Whether a phone number or email address from a roster can be used to reach a resident.</summary>
public static class ContactValidation
{
    private const int MaxEmailLength = 254;
    private const int MaxLocalPartLength = 64;
    private static readonly SearchValues<char> NotInLocalPart = SearchValues.Create(" \t\"<>,;:()[]\\");

    /// <summary>A mainland mobile number: 11 digits starting 1[3-9]; spaces and hyphens between digits are dropped.</summary>
    public static bool TryNormalizeMobileNumber(string? value, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(value))
            return false;

        // Most rosters send the bare 11 digits: kept as they are, without building a new string for every row.
        var digits = value.AsSpan().ContainsAny(' ', '-') ? string.Concat(value.Where(c => c is not (' ' or '-'))) : value;
        if (digits.Length != 11 || digits.AsSpan().ContainsAnyExceptInRange('0', '9') || digits[0] != '1' || digits[1] < '3')
            return false;

        normalized = digits;
        return true;
    }

    /// <summary>
    /// A mobile number as staff type what a caller says: spaces, hyphens, dots and brackets dropped, and the country code
    /// (+86, 0086, or 86 before eleven digits) taken off; then a mainland mobile number as <see cref="TryNormalizeMobileNumber"/>.
    /// </summary>
    public static bool TryNormalizeDialledNumber(string? value, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 32)
            return false;

        var digits = string.Concat(value.Where(c => c is not (' ' or '-' or '.' or '(' or ')' or '\u3000')));
        if (digits.StartsWith('+'))
            digits = digits.StartsWith("+86", StringComparison.Ordinal) ? digits[3..] : "";
        else if (digits.StartsWith("0086", StringComparison.Ordinal))
            digits = digits[4..];
        else if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
            digits = digits[2..];
        return TryNormalizeMobileNumber(digits, out normalized);
    }

    public static bool IsMobileNumber(string? value) => TryNormalizeMobileNumber(value, out _);

    /// <summary>
    /// A deliberately plain check: one @, a local part without spaces, and a domain of dot-separated labels
    /// of letters, digits and hyphens. The mail server has the last word; this keeps out what is clearly not an address.
    /// </summary>
    public static bool TryNormalizeEmail(string? value, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var candidate = value?.Trim();
        if (string.IsNullOrEmpty(candidate) || candidate.Length > MaxEmailLength)
            return false;

        var at = candidate.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != candidate.LastIndexOf('@'))
            return false;

        var local = candidate.AsSpan(0, at);
        var domain = candidate[(at + 1)..];
        if (local.Length > MaxLocalPartLength || local.ContainsAny(NotInLocalPart) || local[0] == '.' || local[^1] == '.')
            return false;

        var labels = 0;
        foreach (var range in domain.AsSpan().Split('.'))
        {
            if (!IsDomainLabel(domain.AsSpan(range)))
                return false;
            labels++;
        }

        if (labels < 2)
            return false;

        normalized = candidate;
        return true;
    }

    public static bool IsEmailAddress(string? value) => TryNormalizeEmail(value, out _);

    private static bool IsDomainLabel(ReadOnlySpan<char> label)
    {
        if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            return false;
        foreach (var c in label)
        {
            if (!char.IsLetterOrDigit(c) && c != '-')
                return false;
        }

        return true;
    }
}
