using Microsoft.Extensions.Configuration;

namespace Outreach.Integrations.Communities;

/// <summary>The communities the hub serves, bound from the <c>Outreach</c> section.</summary>
public sealed class CommunitiesOptions
{
    public const string SectionPath = "Outreach";
    public const string CommunitiesPath = SectionPath + ":Communities";
    public const string FileDropRootPath = SectionPath + ":FileDrops:Root";

    /// <summary>Keyed by community code (<c>Outreach:Communities:GL03:...</c>); adding a community is configuration only.</summary>
    public Dictionary<string, CommunityOptions> Communities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, every drop folder must lie inside it, so a typo cannot point the hub at system folders.</summary>
    [ConfigurationKeyName("FileDrops:Root")]
    public string? FileDropRoot { get; set; }

    /// <summary>The community's name, or its code when it is not configured (any more).</summary>
    public string NameOf(string communityCode) => Communities.TryGetValue(communityCode, out var community) ? community.Name : communityCode;

    /// <summary>The configuration key of one community's setting, for messages a librarian can follow.</summary>
    public static string KeyOf(string communityCode, string setting) => $"{CommunitiesPath}:{communityCode}:{setting}";
}
