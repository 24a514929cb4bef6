namespace Outreach.Sandbox.Communities;

/// <summary>
/// A resident as a community system holds and serves it: the spec's fields, as strings and booleans exactly as in
/// residents_GL01_snapshot.json (an absent optional value is an empty string).
/// </summary>
public sealed record SimResident
{
    public required string ResidentId { get; init; }
    public string Name { get; init; } = "";
    public string IdNumber { get; init; } = "";
    public string Phone { get; init; } = "";
    public string Email { get; init; } = "";
    public string Address { get; init; } = "";
    public string BirthDate { get; init; } = "";
    public string Status { get; init; } = "active";
    public bool WantsLibraryCard { get; init; }
    public bool EmailOptIn { get; init; }

    /// <summary>ISO 8601 with offset; stamped with the sandbox's clock when left empty.</summary>
    public string UpdatedAt { get; init; } = "";
}
