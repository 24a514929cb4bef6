using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Outreach.Worker.Audit;

/// <summary>
/// Appends entries to the audit trail, on its own or inside the caller's transaction so that an action and its entry
/// commit together (the action happened exactly when its entry exists). Entries are numbered and chained under the
/// head row's lock: appends queue one behind the other for the few milliseconds of their transaction.
/// </summary>
public sealed class AuditTrail(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string AppendSql = """
        WITH head AS (SELECT last_id + 1 AS id, last_hash FROM outreach.audit_head FOR UPDATE),
        entry AS (
            INSERT INTO outreach.audit_log (id, at, actor_id, actor, client_address, action, target, details, prev_hash, hash)
            SELECT head.id, $1, $2, $3, $4, $5, $6, $7, head.last_hash,
                   outreach.audit_hash(head.last_hash, head.id, $1, $2, $3, $4, $5, $6, $7)
            FROM head
            RETURNING id, hash)
        UPDATE outreach.audit_head h SET last_id = entry.id, last_hash = entry.hash, updated_at = $1
        FROM entry
        RETURNING entry.id
        """;

    /// <summary>Appends one entry in its own transaction; its number.</summary>
    public async Task<long> AppendAsync(AuditActor actor, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await AppendAsync(connection, null, actor, entry, cancellationToken);
    }

    /// <summary>Appends one entry on <paramref name="connection"/>, in <paramref name="transaction"/> when given; its number.</summary>
    public async Task<long> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, AuditActor actor, AuditEntry entry,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(AppendSql, connection, transaction);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        command.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)actor.StaffId ?? DBNull.Value);
        command.Parameters.AddWithValue(actor.Name);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)actor.ClientAddress ?? DBNull.Value);
        command.Parameters.AddWithValue(entry.Action);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)entry.Target ?? DBNull.Value);
        command.Parameters.AddWithValue(Details(entry.Details));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Makes one change and writes its entry in one transaction: the entry exists exactly when the change happened.
    /// <paramref name="entryFor"/> returns null when the change found nothing to do (nothing is audited then).
    /// </summary>
    public async Task<T> ChangeAsync<T>(AuditActor actor, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> change, Func<T, AuditEntry?> entryFor,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await change(connection, transaction);
        if (entryFor(result) is { } entry)
        {
            await AppendAsync(connection, transaction, actor, entry, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    // Sorted keys: the same details always read (and hash) the same.
    private static string Details(IReadOnlyDictionary<string, string>? details) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(
            details?.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal) ?? [], StringComparer.Ordinal), DetailsJson);

    private static readonly JsonSerializerOptions DetailsJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
