using Npgsql;
using Outreach.Integrations.Communities;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Readers.Cards;

/// <summary>outreach.card_status_outbox in PostgreSQL: a batch read in resident order, its answers written in one statement.</summary>
public sealed class CardStatusOutbox(NpgsqlDataSource dataSource, TimeProvider clock) : ICardStatusOutbox
{
    public async Task<IAsyncDisposable?> TryLockAsync(string community, CancellationToken cancellationToken) =>
        await AdvisoryLock.TryAcquireAsync(dataSource, "cards-push:" + community, cancellationToken);

    public async Task<IReadOnlyList<PendingCard>> PendingAsync(string community, string afterResident, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, resident_id, card_number, status, issued_on FROM outreach.card_status_outbox
            WHERE community = $1 AND sent_at IS NULL AND resident_id > $2 ORDER BY resident_id LIMIT $3
            """);
        command.Parameters.AddWithValue(community);
        command.Parameters.AddWithValue(afterResident);
        command.Parameters.AddWithValue(limit);
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
    public async Task RecordAsync(IReadOnlyList<PendingCard> batch, IReadOnlyList<CardPublishOutcome> outcomes, CancellationToken cancellationToken)
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
    }
}
