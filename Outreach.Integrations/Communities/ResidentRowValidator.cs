using Outreach.Integrations.PersonalData;

namespace Outreach.Integrations.Communities;

/// <summary>
/// Decides what a roster row gets. Unreliable identity quarantines the row; a bad contact field is left out
/// with a warning (a code of <see cref="RowWarnings"/>). Texts name fields, never their values: they end up on staff pages and in logs.
/// </summary>
public static class ResidentRowValidator
{
    public static RowVerdict Validate(ResidentRow row, CommunityKind kind)
    {
        if (row.FormatProblem is not null)
            return Quarantine(QuarantineReasons.MalformedRow, row.FormatProblem);

        var residentId = Present(row.ResidentId);
        if (residentId is null)
            return Quarantine(QuarantineReasons.MissingResidentId, "resident_id is empty");

        var name = Present(row.Name);
        if (name is null)
            return Quarantine(QuarantineReasons.MissingName, "name is empty");

        string? idNumber = null;
        if (Present(row.IdNumber) is not null && !IdNumber.TryNormalize(row.IdNumber, out idNumber))
            return Quarantine(QuarantineReasons.InvalidIdNumber, "id_number is not a valid resident ID number (length, birth date or check character)");

        DateOnly? birthDate = null;
        if (Present(row.BirthDate) is string birthText)
        {
            if (!RosterValues.TryParseDate(birthText, out var parsed))
                return Quarantine(QuarantineReasons.InvalidBirthDate, "birth_date is not a real date in yyyy-MM-dd form");
            birthDate = parsed;
        }

        if (!RosterValues.TryParseStatus(row.Status, out var status))
            return Quarantine(QuarantineReasons.UnknownStatus, "status is not one of active, moved_out, withdrawn, deceased");

        if (!RosterValues.TryParseBoolean(row.WantsLibraryCard, out var wantsLibraryCard))
            return Quarantine(QuarantineReasons.InvalidWantsLibraryCard, "wants_library_card is not true/false, 是/否, yes/no or 1/0");

        var warnings = new List<string>();
        DateTimeOffset? updatedAt = null;
        if (Present(row.UpdatedAt) is string updatedText && RosterValues.TryParseTimestamp(updatedText, out var parsedUpdatedAt))
            updatedAt = parsedUpdatedAt;
        else if (kind == CommunityKind.Rest)
            return Quarantine(QuarantineReasons.MissingUpdatedAt, "updated_at is missing or not ISO 8601 with an offset");
        else if (Present(row.UpdatedAt) is not null)
            warnings.Add(RowWarnings.UpdatedAtDropped);

        string? phone = null;
        if (Present(row.Phone) is not null && !ContactValidation.TryNormalizeMobileNumber(row.Phone, out phone))
            warnings.Add(RowWarnings.PhoneDropped);

        string? email = null;
        if (Present(row.Email) is not null && !ContactValidation.TryNormalizeEmail(row.Email, out email))
            warnings.Add(RowWarnings.EmailDropped);

        var emailOptIn = false;
        if (Present(row.EmailOptIn) is not null && !RosterValues.TryParseBoolean(row.EmailOptIn, out emailOptIn))
            warnings.Add(RowWarnings.EmailOptInNotUnderstood);

        var resident = new ValidatedResident
        {
            ResidentId = residentId,
            Name = name,
            IdNumber = idNumber,
            Phone = phone,
            Email = email,
            Address = Present(row.Address),
            BirthDate = birthDate,
            Status = status,
            WantsLibraryCard = wantsLibraryCard,
            EmailOptIn = emailOptIn,
            UpdatedAt = updatedAt,
        };
        return new RowVerdict.Accepted(resident, warnings);
    }

    private static RowVerdict.Quarantined Quarantine(string code, string text) => new(code, text);

    private static string? Present(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
