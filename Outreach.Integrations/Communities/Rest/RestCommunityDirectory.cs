using Microsoft.Extensions.Logging;

namespace Outreach.Integrations.Communities.Rest;

/// <summary>Rosters of API communities: always something to read, the full roster or what changed since the cursor.</summary>
internal sealed class RestCommunityDirectory(CommunityApiClient api, ILogger<RestCommunityDirectory> logger)
{
    public RosterReading OpenRoster(CommunityOptions community, string? sinceCursor) =>
        new RestRosterReading(api, community, sinceCursor, logger);
}
