namespace Outreach.Sandbox.Communities;

/// <summary>What a community received from the hub: the latest card per resident and how many accepted PUTs carried them.</summary>
public sealed record CardUpdateSummary(
    IReadOnlyDictionary<string, LibraryCard> Latest,
    IReadOnlyDictionary<string, int> RequestsPerResident,
    int TotalRequests);
