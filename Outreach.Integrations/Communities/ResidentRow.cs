namespace Outreach.Integrations.Communities;

/// <summary>
/// One resident as a community system sent it: raw text fields, not yet validated
/// (see <see cref="ResidentRowValidator"/>). Holds personal data, so <see cref="ToString"/> shows only the row's place.
/// </summary>
public sealed record ResidentRow
{
    /// <summary>The row's 1-based position among the data rows of its source (header not counted).</summary>
    public required long RowNumber { get; init; }

    /// <summary>The row as read: the CSV record without its line ending, or the JSON object text.</summary>
    public required string RawText { get; init; }

    /// <summary>Why the source could not split this row into the expected fields (e.g. a wrong field count), or null.</summary>
    public string? FormatProblem { get; init; }

    public string? ResidentId { get; init; }
    public string? Name { get; init; }
    public string? IdNumber { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public string? BirthDate { get; init; }
    public string? Status { get; init; }
    public string? WantsLibraryCard { get; init; }
    public string? EmailOptIn { get; init; }
    public string? UpdatedAt { get; init; }

    public override string ToString() => $"row {RowNumber} ({ResidentId})";
}
