using Outreach.Integrations.Communities.CsvDrop;
using Outreach.Integrations.Communities.Rest;

namespace Outreach.Integrations.Communities;

/// <summary>Opens rosters from each community's own kind of system.</summary>
internal sealed class CommunityDirectory(CommunityCatalog catalog, RestCommunityDirectory rest, CsvCommunityDirectory csv) : ICommunityDirectory
{
    public Task<RosterReading?> OpenRosterAsync(string communityCode, string? sinceCursor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var community = catalog.Get(communityCode);
        return Task.FromResult(community.Kind switch
        {
            CommunityKind.Rest => rest.OpenRoster(community, sinceCursor),
            CommunityKind.Csv => csv.OpenRoster(community),
            _ => throw new CommunitySystemException(communityCode, $"Community {communityCode} has no kind: set {CommunitiesOptions.KeyOf(communityCode, nameof(CommunityOptions.Kind))}"),
        });
    }
}
