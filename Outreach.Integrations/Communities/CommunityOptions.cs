namespace Outreach.Integrations.Communities;

/// <summary>One community of the town and how to reach its resident system.</summary>
public sealed class CommunityOptions
{
    public const string DefaultSchedule = "0 30 1 * * ?";

    /// <summary>The community's code (e.g. GL03), taken from its configuration key.</summary>
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>Residents the community serves; the base of the service-effectiveness figures.</summary>
    public int PopulationServed { get; set; }

    public CommunityKind Kind { get; set; }

    /// <summary>Rest only: the absolute http(s) address the API paths are appended to.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Rest only: the bearer token. A secret: never logged, never in <see cref="ToString"/>.</summary>
    public string? Token { get; set; }

    /// <summary>Csv only: the folder the community drops its snapshots into.</summary>
    public string? DropFolder { get; set; }

    /// <summary>When the roster sync runs: a Quartz cron expression, in the library's time zone (Outreach:TimeZone).</summary>
    public string Schedule { get; set; } = DefaultSchedule;

    /// <summary>A run (full snapshot or changes) that would withdraw more than this share of the community's cards is refused until staff approve it.</summary>
    public double MaxWithdrawalShare { get; set; } = 0.10;

    /// <summary>Rest only: residents asked for per page.</summary>
    public int PageSize { get; set; } = 500;

    public override string ToString() => $"{Code} ({Kind})";
}
