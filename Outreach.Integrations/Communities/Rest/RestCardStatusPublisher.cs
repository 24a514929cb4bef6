using Microsoft.Extensions.Logging;

namespace Outreach.Integrations.Communities.Rest;

/// <summary>Card status for API communities: one idempotent PUT per resident, a few at a time.</summary>
internal sealed class RestCardStatusPublisher(CommunityApiClient api, ILogger<RestCardStatusPublisher> logger)
{
    // Enough to keep a nightly run short without looking like an attack to a small community server.
    internal const int MaxConcurrentRequests = 8;

    public async Task<IReadOnlyList<CardPublishOutcome>> PublishAsync(CommunityOptions community, IReadOnlyList<CardStatusUpdate> updates, CancellationToken cancellationToken)
    {
        var outcomes = new CardPublishOutcome[updates.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentRequests, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, updates.Count), parallel, async (index, token) =>
            outcomes[index] = await api.PutLibraryCardAsync(community, updates[index], token));

        var succeeded = outcomes.Count(outcome => outcome.Result == CardPublishResult.Succeeded);
        var notFound = outcomes.Count(outcome => outcome.Result == CardPublishResult.NotFound);
        logger.CardUpdatesPublished(community.Code, succeeded, notFound, outcomes.Length - succeeded - notFound);
        return outcomes;
    }
}
