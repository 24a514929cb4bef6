using Microsoft.Extensions.Options;

namespace Outreach.Integrations.Communities;

/// <summary>Looks up a community's settings by code, as they stand now.</summary>
internal sealed class CommunityCatalog(IOptionsMonitor<CommunitiesOptions> options)
{
    /// <exception cref="CommunitySystemException">No community has that code.</exception>
    public CommunityOptions Get(string communityCode) =>
        options.CurrentValue.Communities.TryGetValue(communityCode, out var community)
            ? community
            : throw new CommunitySystemException(communityCode,
                $"Community {communityCode} is not configured: add it under {CommunitiesOptions.CommunitiesPath}:{communityCode}");
}
