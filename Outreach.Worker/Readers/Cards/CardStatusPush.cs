using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Communities;
using Outreach.Integrations.Logging;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Readers.Cards;

/// <summary>
/// Sends the card statuses owed to a community (PUT for rest, an outbox CSV for csv), in batches. Sent entries
/// are marked; failed ones keep their attempt count and error for the staff page, and the job fails so that
/// Hangfire retries it. Sending twice is harmless: the community's side is idempotent.
/// </summary>
public sealed partial class CardStatusPush(
    NpgsqlDataSource dataSource,
    ICardStatusPublisher publisher,
    IOptions<ReadersOptions> options,
    TimeProvider clock,
    ILogger<CardStatusPush> logger)
{
    public const string JobName = "cards-push";

    [DisplayName("Card status to {0}")]
    public async Task RunAsync(string communityCode, CancellationToken cancellationToken)
    {
        await using var pushLock = await AdvisoryLock.TryAcquireAsync(dataSource, "cards-push:" + communityCode, cancellationToken);
        if (pushLock is null)
        {
            // Another worker is pushing this community right now; it sends what is pending.
            return;
        }

        long sent = 0, failed = 0;
        string? firstError = null;
        long afterId = 0;
        while (true)
        {
            var batch = await PendingAsync(communityCode, afterId, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            afterId = batch[^1].Id;
            var outcomes = await publisher.PublishAsync(communityCode,
                batch.Select(p => new CardStatusUpdate(p.ResidentId, p.CardNumber, p.Status, p.IssuedOn)).ToList(), cancellationToken);
            var (ok, bad) = await RecordAsync(batch, outcomes, cancellationToken);
            sent += ok;
            failed += bad.Count;
            firstError ??= bad.FirstOrDefault();
        }

        Log.Pushed(logger, communityCode, sent, failed);
        if (failed > 0)
        {
            throw new InvalidOperationException(
                $"{failed} card status(es) could not be sent to community {communityCode} ({sent} sent); first error: {firstError}. They are retried.");
        }
    }

    private async Task<List<PendingCard>> PendingAsync(string community, long afterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, resident_id, card_number, status, issued_on FROM outreach.card_status_outbox
            WHERE community = $1 AND sent_at IS NULL AND id > $2 ORDER BY id LIMIT $3
            """);
        command.Parameters.AddWithValue(community);
        command.Parameters.AddWithValue(afterId);
        command.Parameters.AddWithValue(options.Value.CardPushBatchSize);
        var batch = new List<PendingCard>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(new PendingCard(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateOnly>(4)));
        }

        return batch;
    }

    // One statement per batch: sent entries get sent_at, unknown residents are closed with the reason, failures count up.
    private async Task<(long Sent, List<string> Errors)> RecordAsync(List<PendingCard> batch, IReadOnlyList<CardPublishOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        var ids = new long[batch.Count];
        var results = new string[batch.Count];
        var errors = new string?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            ids[i] = batch[i].Id;
            results[i] = outcomes[i].Result.ToString();
            errors[i] = outcomes[i].Result switch
            {
                CardPublishResult.NotFound => "The community's system does not know this resident (404).",
                CardPublishResult.Failed => outcomes[i].FailureReason ?? "failed",
                _ => null,
            };
        }

        await using var command = dataSource.CreateCommand("""
            UPDATE outreach.card_status_outbox o SET
                sent_at = CASE WHEN u.result = 'Failed' THEN NULL ELSE $4 END,
                attempts = o.attempts + 1, last_try_at = $4, last_error = u.error
            FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(id, result, error)
            WHERE o.id = u.id AND o.sent_at IS NULL
            """);
        command.Parameters.AddWithValue(ids);
        command.Parameters.AddWithValue(results);
        command.Parameters.AddWithValue(errors);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
        var failures = outcomes.Where(o => o.Result == CardPublishResult.Failed).Select(o => o.FailureReason ?? "failed").ToList();
        return (batch.Count - failures.Count, failures);
    }

    private sealed record PendingCard(long Id, string ResidentId, string CardNumber, string Status, DateOnly IssuedOn);

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.CardPush + 1, Level = LogLevel.Information, Message = "Card status to {Community}: {Sent} sent, {Failed} failed")]
        public static partial void Pushed(ILogger logger, string community, long sent, long failed);
    }
}
