namespace Outreach.Integrations.Communities;

/// <summary>What a roster row gets: accepted (perhaps with contact fields left out) or quarantined with a reason.</summary>
public abstract record RowVerdict
{
    private RowVerdict()
    {
    }

    /// <summary>The resident, and the fields that were left out with why (no personal data).</summary>
    public sealed record Accepted(ValidatedResident Resident, IReadOnlyList<string> Warnings) : RowVerdict;

    /// <summary>A code from <see cref="QuarantineReasons"/> and a text for staff that names the field, never its value.</summary>
    public sealed record Quarantined(string ReasonCode, string ReasonText) : RowVerdict;
}

/// <summary>Stable codes of quarantine reasons, stored with the row and shown to staff.</summary>
public static class QuarantineReasons
{
    public const string MalformedRow = "malformed_row";
    public const string MissingResidentId = "missing_resident_id";
    public const string MissingName = "missing_name";
    public const string InvalidIdNumber = "invalid_id_number";
    public const string InvalidBirthDate = "invalid_birth_date";
    public const string UnknownStatus = "unknown_status";
    public const string InvalidWantsLibraryCard = "invalid_wants_library_card";
    public const string MissingUpdatedAt = "missing_updated_at";
}
