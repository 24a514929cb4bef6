namespace Outreach.Integrations.Communities;

/// <summary>How to reach one community's resident system (the adapters' settings; the hub's catalog of names and policy is the worker's).</summary>
public sealed class CommunityOptions
{
    /// <summary>The community's code (e.g. GL03), taken from its configuration key.</summary>
    public string Code { get; set; } = string.Empty;

    public CommunityKind Kind { get; set; }

    /// <summary>Rest only: the absolute http(s) address the API paths are appended to.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Rest only: the bearer token. A secret: never logged, never in <see cref="ToString"/>.</summary>
    public string? Token { get; set; }

    /// <summary>Csv only: the folder the community drops its snapshots into.</summary>
    public string? DropFolder { get; set; }

    /// <summary>Rest only: residents asked for per page.</summary>
    public int PageSize { get; set; } = 500;

    public override string ToString() => $"{Code} ({Kind})";
}
