using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Outreach.Integrations.PersonalData;

/// <summary>Resident ID numbers (GB 11643): validation, normal form and the masked form shown to staff.</summary>
public static class IdNumber
{
    public const int Length = 18;

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>
    /// Accepts 17 digits and an ISO 7064 MOD 11-2 check character, with a real birth date at positions 7-14;
    /// the normal form is trimmed with an upper-case X.
    /// </summary>
    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var candidate = value?.Trim().ToUpperInvariant();
        if (candidate is not { Length: Length })
            return false;

        var body = candidate.AsSpan(0, Length - 1);
        if (!body.ContainsOnlyDigits() || candidate[^1] != CheckCharacter(body) || !HasRealBirthDate(candidate))
            return false;

        normalized = candidate;
        return true;
    }

    public static bool IsValid(string? value) => TryNormalize(value, out _);

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17Digits)
    {
        if (first17Digits.Length != Length - 1 || !first17Digits.ContainsOnlyDigits())
            throw new ArgumentException("An ID number body is 17 digits.", nameof(first17Digits));

        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
            sum += (first17Digits[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>First 6 and last 4 characters with 8 stars between (<c>330203********123X</c>); anything else is fully starred.</summary>
    public static string Mask(string idNumber) =>
        idNumber.Length == Length
            ? string.Concat(idNumber.AsSpan(0, 6), new string('*', 8), idNumber.AsSpan(14, 4))
            : new string('*', idNumber.Length);

    private static bool HasRealBirthDate(string idNumber) =>
        DateOnly.TryParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
