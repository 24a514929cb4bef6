using Outreach.Integrations.Communities;

namespace Outreach.Worker.Communities;

/// <summary>
/// The communities the hub serves and its policy for each, bound from the <c>Outreach</c> section like the adapters'
/// connection settings (<see cref="CommunitiesOptions"/>): both read <c>Outreach:Communities:GL03:...</c>, each its own keys.
/// </summary>
public sealed class CommunityCatalogOptions
{
    public const string SectionPath = CommunitiesOptions.SectionPath;

    /// <summary>Keyed by community code (<c>Outreach:Communities:GL03:...</c>); adding a community is configuration only.</summary>
    public Dictionary<string, CommunityEntry> Communities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The community's name, or its code when it is not configured (any more).</summary>
    public string NameOf(string communityCode) => Communities.TryGetValue(communityCode, out var community) ? community.Name : communityCode;
}

/// <summary>One community in the hub's catalog: its name, the residents it serves, when its roster is synced and how much a sync may withdraw.</summary>
public sealed class CommunityEntry
{
    public const string DefaultSchedule = "0 30 1 * * ?";

    /// <summary>The community's code (e.g. GL03), taken from its configuration key.</summary>
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>Residents the community serves; the base of the service-effectiveness figures.</summary>
    public int PopulationServed { get; set; }

    /// <summary>When the roster sync runs: a Quartz cron expression, in the library's time zone.</summary>
    public string Schedule { get; set; } = DefaultSchedule;

    /// <summary>A run (full snapshot or changes) that would withdraw more than this share of the community's cards is refused until staff approve it.</summary>
    public double MaxWithdrawalShare { get; set; } = 0.10;

    public override string ToString() => Code;
}
