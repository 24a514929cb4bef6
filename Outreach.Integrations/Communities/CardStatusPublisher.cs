using Outreach.Integrations.Communities.CsvDrop;
using Outreach.Integrations.Communities.Rest;

namespace Outreach.Integrations.Communities;

/// <summary>Sends card status through each community's own kind of system.</summary>
internal sealed class CardStatusPublisher(CommunityCatalog catalog, RestCardStatusPublisher rest, CsvCardStatusPublisher csv) : ICardStatusPublisher
{
    public Task<IReadOnlyList<CardPublishOutcome>> PublishAsync(string communityCode, IReadOnlyList<CardStatusUpdate> updates, CancellationToken cancellationToken)
    {
        var community = catalog.Get(communityCode);
        return community.Kind switch
        {
            CommunityKind.Rest => rest.PublishAsync(community, updates, cancellationToken),
            CommunityKind.Csv => csv.PublishAsync(community, updates, cancellationToken),
            _ => throw new CommunitySystemException(communityCode, $"Community {communityCode} has no kind: set {CommunitiesOptions.KeyOf(communityCode, nameof(CommunityOptions.Kind))}"),
        };
    }
}
