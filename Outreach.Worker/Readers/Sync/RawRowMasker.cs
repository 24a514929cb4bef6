using Outreach.Integrations.Communities;
using Outreach.Integrations.PersonalData;

namespace Outreach.Worker.Readers.Sync;

/// <summary>
/// What the hub keeps of a refused roster row for staff: field by field, only what finding and fixing the row at the
/// community's source needs. The resident id and the coded fields (status, card wish, mail consent) are kept as sent;
/// name, ID number, phone and email only in their masked forms; address, birth date and update time only as "given"
/// (<see cref="Withheld"/>). The birth date is never kept: its digits are exactly those the ID number's mask hides.
/// A row that could not be split into its fields keeps nothing but its place (row number, resident id column).
/// </summary>
public static class RawRowMasker
{
    /// <summary>Stands for a value that was given but is not shown.</summary>
    public const string Withheld = "…";

    public const string Separator = " · ";

    private const int MaxCodeLength = 20;
    private const int MaxResidentIdLength = 64;

    public static string Mask(ResidentRow row)
    {
        if (row.FormatProblem is not null)
        {
            return "";
        }

        var parts = new List<string>(11);
        Add(parts, "resident_id", row.ResidentId, ResidentId);
        Add(parts, "name", row.Name, Name);
        Add(parts, "id_number", row.IdNumber, IdNumberValue);
        Add(parts, "phone", row.Phone, Phone);
        Add(parts, "email", row.Email, Email);
        Add(parts, "address", row.Address, _ => Withheld);
        Add(parts, "birth_date", row.BirthDate, _ => Withheld);
        Add(parts, "status", row.Status, Code);
        Add(parts, "wants_library_card", row.WantsLibraryCard, Code);
        Add(parts, "email_opt_in", row.EmailOptIn, Code);
        Add(parts, "updated_at", row.UpdatedAt, _ => Withheld);
        return string.Join(Separator, parts);
    }

    private static void Add(List<string> parts, string field, string? value, Func<string, string> mask)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts.Add(field + " " + mask(value.Trim()));
        }
    }

    // The community's own key: staff look the row up by it. Anything shaped like personal data in it is scrubbed.
    private static string ResidentId(string value) =>
        value.Length > MaxResidentIdLength ? Withheld : TextScrubber.Scrub(value);

    private static string Name(string value) => value.Any(char.IsDigit) || value.Contains('@', StringComparison.Ordinal) ? Withheld : Masking.Name(value);

    private static string IdNumberValue(string value) =>
        value.Length == IdNumber.Length && value.All(c => char.IsAsciiDigit(c) || c is 'X' or 'x') ? IdNumber.Mask(value.ToUpperInvariant()) : Withheld;

    private static string Phone(string value) =>
        ContactValidation.TryNormalizeMobileNumber(value, out var mobile) ? Masking.Phone(mobile) : Withheld;

    private static string Email(string value) =>
        value.Count(c => c == '@') == 1 && value.IndexOf('@', StringComparison.Ordinal) > 0 ? Masking.Email(value) : Withheld;

    // A status or a yes/no: short words. A long value or one with digits in it (a date, a number in the wrong column) is withheld.
    private static string Code(string value) =>
        value.Length <= MaxCodeLength && value.Count(char.IsDigit) <= 1 && !value.Contains('@', StringComparison.Ordinal)
            ? value
            : Withheld;
}
