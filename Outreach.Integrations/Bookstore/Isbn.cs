using System.Diagnostics.CodeAnalysis;

namespace Outreach.Integrations.Bookstore;

/// <summary>
/// ISBNs as the bookstore takes them: ISBN-13 (978/979, mod-10 check) or ISBN-10 (mod-11 check, may end in X),
/// hyphens and spaces ignored, always sent as 13 digits.
/// </summary>
public static class Isbn
{
    /// <summary>Normalises to 13 digits; on failure <paramref name="problem"/> says why, as a code and in words for the requester.</summary>
    public static bool TryNormalize(string? input, out string isbn13, [NotNullWhen(false)] out IsbnProblem? problem)
    {
        isbn13 = "";
        var compact = string.Concat((input ?? "").Where(c => c is not ('-' or ' ' or '\u00a0'))).ToUpperInvariant();
        problem = Check(input, compact);
        if (problem is not null)
        {
            return false;
        }

        isbn13 = compact.Length == 13 ? compact : FromIsbn10(compact);
        return true;
    }

    private static IsbnProblem? Check(string? input, string compact)
    {
        if (compact.Length == 0)
        {
            return new IsbnProblem(IsbnProblem.Missing, "", 0, "ISBN is required");
        }

        var shown = input!.Trim();
        IsbnProblem Problem(string code, string english) => new(code, shown, compact.Length, english);
        if (compact.Length == 10)
        {
            if (compact.AsSpan(0, 9).ContainsAnyExceptInRange('0', '9') || !(char.IsAsciiDigit(compact[9]) || compact[9] == 'X'))
            {
                return Problem(IsbnProblem.NotDigits10, $"ISBN '{shown}' has characters other than digits (and a final X in an ISBN-10)");
            }

            return Isbn10Check(compact.AsSpan(0, 9)) == compact[9] ? null : Problem(IsbnProblem.CheckDigit10, $"ISBN '{shown}' fails its ISBN-10 check digit");
        }

        if (compact.Length == 13)
        {
            if (compact.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                return Problem(IsbnProblem.NotDigits13, $"ISBN '{shown}' has characters other than digits");
            }

            if (!compact.StartsWith("978", StringComparison.Ordinal) && !compact.StartsWith("979", StringComparison.Ordinal))
            {
                return Problem(IsbnProblem.Prefix, $"ISBN '{shown}' does not start with 978 or 979");
            }

            return Isbn13Check(compact.AsSpan(0, 12)) == compact[12] ? null : Problem(IsbnProblem.CheckDigit13, $"ISBN '{shown}' fails its ISBN-13 check digit");
        }

        return Problem(IsbnProblem.WrongLength, $"ISBN '{shown}' has {compact.Length} characters; an ISBN has 10 or 13 digits");
    }

    private static string FromIsbn10(string isbn10)
    {
        var twelve = "978" + isbn10[..9];
        return twelve + Isbn13Check(twelve);
    }

    /// <summary>Weights 1,3,1,3... over the first twelve digits; the check makes the sum a multiple of 10.</summary>
    public static char Isbn13Check(ReadOnlySpan<char> twelveDigits)
    {
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (twelveDigits[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return (char)('0' + (10 - sum % 10) % 10);
    }

    /// <summary>Weights 10..2 over the first nine digits; the check (10 written X) makes the sum a multiple of 11.</summary>
    public static char Isbn10Check(ReadOnlySpan<char> nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (nineDigits[i] - '0') * (10 - i);
        }

        var check = (11 - sum % 11) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }
}

/// <summary>
/// Why an ISBN is refused: a <see cref="Code"/> (one of <see cref="Codes"/>; the hub's message catalog has words for each as
/// "Intake.Isbn." + code), the ISBN as written, its length without hyphens, and the same in English.
/// </summary>
public sealed record IsbnProblem(string Code, string Shown, int Length, string English)
{
    public const string Missing = "missing";
    public const string NotDigits10 = "not_digits_10";
    public const string CheckDigit10 = "check_digit_10";
    public const string NotDigits13 = "not_digits_13";
    public const string Prefix = "prefix";
    public const string CheckDigit13 = "check_digit_13";
    public const string WrongLength = "length";

    public static IReadOnlyList<string> Codes { get; } = [Missing, NotDigits10, CheckDigit10, NotDigits13, Prefix, CheckDigit13, WrongLength];

    public override string ToString() => English;
}
