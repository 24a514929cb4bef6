using Microsoft.Extensions.Configuration;

namespace Outreach.Integrations.Communities;

/// <summary>How to reach the communities' resident systems, bound from the <c>Outreach</c> section (the worker's community catalog binds the same keys' names and policy).</summary>
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

    /// <summary>The configuration key of one community's setting, for messages a librarian can follow.</summary>
    public static string KeyOf(string communityCode, string setting) => $"{CommunitiesPath}:{communityCode}:{setting}";

    /// <summary>Letters, digits and hyphens: a code never leaves a file name or a configuration key.</summary>
    public static bool IsCommunityCode(string code) =>
        code.Length is > 0 and <= 32 && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
