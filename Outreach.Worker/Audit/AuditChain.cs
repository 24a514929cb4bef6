using Npgsql;

namespace Outreach.Worker.Audit;

/// <summary>Where the chain does not hold, and why (a code the audit page words).</summary>
public sealed record AuditBreak(long EntryId, string Problem)
{
    /// <summary>The entry's fields no longer give its hash: it was edited.</summary>
    public const string Altered = "altered";

    /// <summary>The entry does not carry the hash of the one before it: one was removed, inserted or replaced before it.</summary>
    public const string Unlinked = "unlinked";

    /// <summary>Entries numbered before this one are missing.</summary>
    public const string Gap = "gap";

    /// <summary>The newest entries the head row recorded are missing or different.</summary>
    public const string Head = "head";
}

/// <summary>The outcome of checking the whole chain, from the newest checkpoint to the head.</summary>
public sealed record AuditVerification(long Checked, long FromId, long HeadId, string HeadHash, IReadOnlyList<AuditBreak> Breaks)
{
    public bool Intact => Breaks.Count == 0;
}

/// <summary>
/// Verifies the audit trail in one pass over it: each entry's hash is recomputed from its fields and the hash it
/// carries of the entry before, which must be that entry's (or the newest checkpoint's), and numbers follow on without gaps
/// up to the head row.
/// </summary>
public sealed class AuditChain(NpgsqlDataSource dataSource)
{
    public const int MaxBreaksReported = 100;

    private const string CheckpointSql = """
        SELECT through_id, through_hash FROM outreach.audit_checkpoints ORDER BY id DESC LIMIT 1
        """;

    private static readonly string BreaksSql = $"""
        WITH chain AS (
            SELECT l.id,
                   l.hash = outreach.audit_hash(l.prev_hash, l.id, l.at, l.actor_id, l.actor, l.client_address, l.action, l.target, l.details) AS sound,
                   l.prev_hash = coalesce(lag(l.hash) OVER w, $2) AS linked,
                   l.id = coalesce(lag(l.id) OVER w, $1) + 1 AS consecutive
            FROM outreach.audit_log l
            WHERE l.id > $1
            WINDOW w AS (ORDER BY l.id))
        SELECT id, CASE WHEN NOT sound THEN '{AuditBreak.Altered}' WHEN NOT consecutive THEN '{AuditBreak.Gap}' ELSE '{AuditBreak.Unlinked}' END
        FROM chain WHERE NOT (sound AND linked AND consecutive)
        ORDER BY id
        LIMIT {MaxBreaksReported}
        """;

    private const string TailSql = """
        SELECT h.last_id, h.last_hash, (SELECT count(*) FROM outreach.audit_log WHERE id > $1),
               l.id, l.hash
        FROM outreach.audit_head h
        LEFT JOIN LATERAL (SELECT id, hash FROM outreach.audit_log ORDER BY id DESC LIMIT 1) l ON true
        """;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the three reads: an append during the check is either wholly in it or not at all.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        long fromId;
        byte[] fromHash;
        await using (var checkpoint = new NpgsqlCommand(CheckpointSql, connection, transaction))
        await using (var reader = await checkpoint.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (fromId, fromHash) = (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        }

        var breaks = new List<AuditBreak>();
        await using (var command = new NpgsqlCommand(BreaksSql, connection, transaction))
        {
            command.Parameters.AddWithValue(fromId);
            command.Parameters.AddWithValue(fromHash);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                breaks.Add(new AuditBreak(reader.GetInt64(0), reader.GetString(1)));
            }
        }

        await using var tail = new NpgsqlCommand(TailSql, connection, transaction);
        tail.Parameters.AddWithValue(fromId);
        await using var last = await tail.ExecuteReaderAsync(cancellationToken);
        await last.ReadAsync(cancellationToken);
        var (headId, headHash, count) = (last.GetInt64(0), last.GetFieldValue<byte[]>(1), last.GetInt64(2));
        var (newestId, newestHash) = last.IsDBNull(3) ? (fromId, fromHash) : (last.GetInt64(3), last.GetFieldValue<byte[]>(4));
        if (newestId != headId || !newestHash.AsSpan().SequenceEqual(headHash))
        {
            breaks.Add(new AuditBreak(Math.Min(newestId, headId), AuditBreak.Head));
        }

        return new AuditVerification(count, fromId, headId, Convert.ToHexStringLower(headHash), breaks);
    }
}
