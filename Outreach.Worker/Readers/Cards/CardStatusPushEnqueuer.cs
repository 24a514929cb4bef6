using Hangfire;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Readers.Cards;

/// <summary>Puts a card push for a community on the sync queue, where Hangfire retries it until it succeeds.</summary>
public sealed class CardStatusPushEnqueuer(IBackgroundJobClient client)
{
    public string Enqueue(string community) =>
        client.Enqueue<CardStatusPush>(HubQueues.Sync, push => push.RunAsync(community, CancellationToken.None));
}
