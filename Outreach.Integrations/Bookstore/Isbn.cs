namespace Outreach.Integrations.Bookstore;

/// <summary>
/// ISBNs as the bookstore takes them: ISBN-13 (978/979, mod-10 check) or ISBN-10 (mod-11 check, may end in X),
/// hyphens and spaces ignored, always sent as 13 digits.
/// </summary>
public static class Isbn
{
    /// <summary>Normalises to 13 digits; on failure <paramref name="problem"/> says why, in words for the requester.</summary>
    public static bool TryNormalize(string? input, out string isbn13, out string problem)
    {
        isbn13 = "";
        var compact = string.Concat((input ?? "").Where(c => c is not ('-' or ' ' or '\u00a0'))).ToUpperInvariant();
        problem = Check(input, compact) ?? "";
        if (problem.Length > 0)
        {
            return false;
        }

        isbn13 = compact.Length == 13 ? compact : FromIsbn10(compact);
        return true;
    }

    private static string? Check(string? input, string compact)
    {
        if (compact.Length == 0)
        {
            return "ISBN is required";
        }

        var shown = input!.Trim();
        if (compact.Length == 10)
        {
            if (compact.AsSpan(0, 9).ContainsAnyExceptInRange('0', '9') || !(char.IsAsciiDigit(compact[9]) || compact[9] == 'X'))
            {
                return $"ISBN '{shown}' has characters other than digits (and a final X in an ISBN-10)";
            }

            return Isbn10Check(compact.AsSpan(0, 9)) == compact[9] ? null : $"ISBN '{shown}' fails its ISBN-10 check digit";
        }

        if (compact.Length == 13)
        {
            if (compact.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                return $"ISBN '{shown}' has characters other than digits";
            }

            if (!compact.StartsWith("978", StringComparison.Ordinal) && !compact.StartsWith("979", StringComparison.Ordinal))
            {
                return $"ISBN '{shown}' does not start with 978 or 979";
            }

            return Isbn13Check(compact.AsSpan(0, 12)) == compact[12] ? null : $"ISBN '{shown}' fails its ISBN-13 check digit";
        }

        return $"ISBN '{shown}' has {compact.Length} characters; an ISBN has 10 or 13 digits";
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
