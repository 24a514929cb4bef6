using System.Globalization;
using Npgsql;

namespace Outreach.Worker.Audit;

/// <summary>
/// Removes the entries older than the retention period, oldest first, and keeps a checkpoint of the last one removed
/// (its number and hash) so that the entries left still verify. The removal itself is an entry of the trail.
/// </summary>
public sealed class AuditRetention(NpgsqlDataSource dataSource, AuditTrail trail, TimeProvider clock)
{
    /// <returns>How many entries were removed.</returns>
    public async Task<long> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var allow = new NpgsqlCommand("SET LOCAL outreach.audit_prune = 'on'", connection, transaction))
        {
            await allow.ExecuteNonQueryAsync(cancellationToken);
        }

        // Everything up to the first entry that is still young: entries are numbered in the order they were written,
        // and a later number with an older time (another host's clock) waits for the next pruning.
        await using var checkpoint = new NpgsqlCommand("""
            WITH bound AS (
                SELECT coalesce((SELECT min(id) - 1 FROM outreach.audit_log WHERE at >= $1), (SELECT max(id) FROM outreach.audit_log)) AS through_id),
            last AS (
                SELECT l.id, l.hash FROM outreach.audit_log l, bound
                WHERE l.id = bound.through_id AND l.id > (SELECT max(through_id) FROM outreach.audit_checkpoints)),
            pruned AS (
                DELETE FROM outreach.audit_log l USING last WHERE l.id <= last.id RETURNING l.id),
            saved AS (
                INSERT INTO outreach.audit_checkpoints (through_id, through_hash, entries_pruned, pruned_before, created_at)
                SELECT last.id, last.hash, (SELECT count(*) FROM pruned), $1, $2 FROM last
                RETURNING entries_pruned)
            SELECT coalesce((SELECT entries_pruned FROM saved), 0)
            """, connection, transaction);
        checkpoint.Parameters.AddWithValue(before);
        checkpoint.Parameters.AddWithValue(clock.GetUtcNow());
        var pruned = (long)(await checkpoint.ExecuteScalarAsync(cancellationToken))!;
        if (pruned > 0)
        {
            await trail.AppendAsync(connection, transaction, AuditActor.Hub, new AuditEntry(AuditActions.AuditPruned, null,
                new Dictionary<string, string>
                {
                    ["entries"] = pruned.ToString(CultureInfo.InvariantCulture),
                    ["before"] = before.ToString("O", CultureInfo.InvariantCulture),
                }), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return pruned;
    }
}
