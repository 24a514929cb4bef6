using Outreach.Integrations.Communities;

namespace Outreach.Demo.Communities;

/// <summary>
/// One of the demo's four communities. <paramref name="Roster"/> is the file it starts from: a JSON snapshot the
/// sandbox serves (rest) or a CSV export copied into its drop folder (csv), under DemoData or generated.
/// </summary>
internal sealed record DemoCommunity(
    string Code,
    string Name,
    int PopulationServed,
    CommunityKind Kind,
    string Roster,
    int Residents,
    int BadRows);
