namespace Outreach.Worker.Readers.Cards;

/// <summary>
/// Reading-card numbers: "ZB", nine serial digits and an ISO 7064 MOD 11-2 check character (0-9 or X), so a
/// mistyped number is caught at the desk. Numbers are minted in PostgreSQL (outreach.next_card_number); this
/// class checks them and must agree with the SQL function.
/// </summary>
public static class CardNumber
{
    public const string Prefix = "ZB";
    public const int SerialDigits = 9;
    public const int Length = 2 + SerialDigits + 1;
    private const string CheckCharacters = "10X98765432";

    public static bool IsValid(string? value)
    {
        if (value is not { Length: Length } || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var serial = value.AsSpan(Prefix.Length, SerialDigits);
        return !serial.ContainsAnyExceptInRange('0', '9') && char.ToUpperInvariant(value[^1]) == CheckCharacter(serial);
    }

    /// <summary>The MOD 11-2 check character of a string of digits (weights 2^k mod 11 from the right).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var weight = 1;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            weight = weight * 2 % 11;
            sum += (digits[i] - '0') * weight;
        }

        return CheckCharacters[sum % 11];
    }

    public static string Format(long serial)
    {
        var digits = serial.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(SerialDigits, '0');
        return Prefix + digits + CheckCharacter(digits);
    }
}
