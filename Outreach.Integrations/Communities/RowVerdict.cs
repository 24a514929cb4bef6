namespace Outreach.Integrations.Communities;

/// <summary>What a roster row gets: accepted (perhaps with contact fields left out) or quarantined with a reason.</summary>
public abstract record RowVerdict
{
    private RowVerdict()
    {
    }

    /// <summary>The resident, and the fields that were left out, each as a code of <see cref="RowWarnings"/> (no personal data).</summary>
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

/// <summary>
/// Codes of the contact warnings an accepted row may carry: message codes of the dashboard's catalog (Resources/Messages),
/// stored with the row (sync_warnings.warning_code) and shown to staff in their language. A constant each, so a roster of a
/// million rows allocates no text for them.
/// </summary>
public static class RowWarnings
{
    public const string UpdatedAtDropped = "Sync.Warning.UpdatedAtDropped";
    public const string PhoneDropped = "Sync.Warning.PhoneDropped";
    public const string EmailDropped = "Sync.Warning.EmailDropped";
    public const string EmailOptInNotUnderstood = "Sync.Warning.EmailOptInNotUnderstood";

    public static IReadOnlyList<string> All { get; } = [UpdatedAtDropped, PhoneDropped, EmailDropped, EmailOptInNotUnderstood];
}
