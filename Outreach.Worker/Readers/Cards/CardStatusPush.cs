using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Communities;
using Outreach.Integrations.Logging;

namespace Outreach.Worker.Readers.Cards;

/// <summary>
/// Sends the card statuses owed to a community (PUT for rest, an outbox CSV for csv), in batches. Sent entries
/// are marked; failed ones keep their attempt count and error for the staff page, and the job fails so that
/// Hangfire retries it. Sending twice is harmless: the community's side is idempotent.
/// </summary>
public sealed partial class CardStatusPush(
    ICardStatusOutbox outbox,
    ICardStatusPublisher publisher,
    IOptions<ReadersOptions> options,
    ILogger<CardStatusPush> logger)
{
    public const string JobName = "cards-push";

    public async Task RunAsync(string communityCode, CancellationToken cancellationToken)
    {
        await using var pushLock = await outbox.TryLockAsync(communityCode, cancellationToken);
        if (pushLock is null)
        {
            // Another worker is pushing this community right now; it sends what is pending.
            return;
        }

        long sent = 0, failed = 0;
        string? firstError = null;
        var afterResident = "";
        while (true)
        {
            var batch = await outbox.PendingAsync(communityCode, afterResident, options.Value.CardPushBatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            afterResident = batch[^1].ResidentId;
            var outcomes = await publisher.PublishAsync(communityCode, batch.Select(p => p.ToUpdate()).ToList(), cancellationToken);
            await outbox.RecordAsync(batch, outcomes, cancellationToken);
            var errors = outcomes.Where(o => o.Result == CardPublishResult.Failed).Select(o => o.FailureReason ?? "failed").ToList();
            sent += batch.Count - errors.Count;
            failed += errors.Count;
            firstError ??= errors.FirstOrDefault();
        }

        Log.Pushed(logger, communityCode, sent, failed);
        if (failed > 0)
        {
            throw new InvalidOperationException(
                $"{failed} card status(es) could not be sent to community {communityCode} ({sent} sent); first error: {firstError}. They are retried.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.CardPush + 1, Level = LogLevel.Information, Message = "Card status to {Community}: {Sent} sent, {Failed} failed")]
        public static partial void Pushed(ILogger logger, string community, long sent, long failed);
    }
}
