namespace Outreach.Integrations.Communities;

/// <summary>The fields of a resident in every community system, with their English and Chinese names.</summary>
internal enum ResidentField
{
    ResidentId,
    Name,
    IdNumber,
    Phone,
    Email,
    Address,
    BirthDate,
    Status,
    WantsLibraryCard,
    EmailOptIn,
    UpdatedAt,
}

internal sealed record ResidentFieldName(ResidentField Field, string English, string Chinese, bool RequiredColumn)
{
    public override string ToString() => $"{English} ({Chinese})";
}

internal static class ResidentFields
{
    /// <summary>The table of the spec; required columns are those a CSV snapshot cannot do without.</summary>
    public static readonly IReadOnlyList<ResidentFieldName> All =
    [
        new(ResidentField.ResidentId, "resident_id", "住户编号", RequiredColumn: true),
        new(ResidentField.Name, "name", "姓名", RequiredColumn: true),
        new(ResidentField.IdNumber, "id_number", "身份证号", RequiredColumn: false),
        new(ResidentField.Phone, "phone", "手机号", RequiredColumn: false),
        new(ResidentField.Email, "email", "电子邮箱", RequiredColumn: false),
        new(ResidentField.Address, "address", "住址", RequiredColumn: false),
        new(ResidentField.BirthDate, "birth_date", "出生日期", RequiredColumn: false),
        new(ResidentField.Status, "status", "状态", RequiredColumn: true),
        new(ResidentField.WantsLibraryCard, "wants_library_card", "办证意愿", RequiredColumn: true),
        new(ResidentField.EmailOptIn, "email_opt_in", "邮件订阅", RequiredColumn: false),
        new(ResidentField.UpdatedAt, "updated_at", "更新时间", RequiredColumn: false),
    ];

    private static readonly Dictionary<ResidentField, ResidentFieldName> ByField = All.ToDictionary(name => name.Field);

    public static ResidentFieldName Of(ResidentField field) => ByField[field];

    /// <summary>Builds a row from whatever source holds the field values.</summary>
    public static ResidentRow CreateRow(long rowNumber, string rawText, Func<ResidentField, string?> valueOf, string? formatProblem = null) => new()
    {
        RowNumber = rowNumber,
        RawText = rawText,
        FormatProblem = formatProblem,
        ResidentId = valueOf(ResidentField.ResidentId),
        Name = valueOf(ResidentField.Name),
        IdNumber = valueOf(ResidentField.IdNumber),
        Phone = valueOf(ResidentField.Phone),
        Email = valueOf(ResidentField.Email),
        Address = valueOf(ResidentField.Address),
        BirthDate = valueOf(ResidentField.BirthDate),
        Status = valueOf(ResidentField.Status),
        WantsLibraryCard = valueOf(ResidentField.WantsLibraryCard),
        EmailOptIn = valueOf(ResidentField.EmailOptIn),
        UpdatedAt = valueOf(ResidentField.UpdatedAt),
    };
}
