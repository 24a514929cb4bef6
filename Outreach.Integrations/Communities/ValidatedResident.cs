namespace Outreach.Integrations.Communities;

/// <summary>A resident whose identity fields passed validation. Contact fields that did not are null.</summary>
public sealed record ValidatedResident
{
    public required string ResidentId { get; init; }
    public required string Name { get; init; }

    /// <summary>The normal form (upper-case X); personal data: hash it for matching, mask it for display.</summary>
    public string? IdNumber { get; init; }

    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public DateOnly? BirthDate { get; init; }
    public required ResidentStatus Status { get; init; }
    public required bool WantsLibraryCard { get; init; }
    public required bool EmailOptIn { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    public override string ToString() => $"resident {ResidentId} ({Status})";
}
