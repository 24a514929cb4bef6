using Npgsql;
using Outreach.Worker.Audit;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Digests.Sending;

/// <summary>Why a reader of the ledger got no copy.</summary>
public static class SkipReasons
{
    public const string Unsubscribed = "unsubscribed";
    public const string OptedOut = "opted_out";
    public const string NoAddress = "no_address";
    public const string Bounced = "bounced";
    public const string Moved = "moved";
    public const string NoMatchingEvents = "no_matching_events";
}

/// <summary>A claimed delivery: send to <paramref name="Address"/> unless <paramref name="Skip"/> says why not.</summary>
public sealed record Claim(long ReaderId, string? Address, string[]? Kinds, string? Skip);

/// <summary>What became of a claimed copy, as the ledger records it.</summary>
public enum OutcomeKind
{
    /// <summary>The server accepted it.</summary>
    Sent,

    /// <summary>The server refused it for good (5xx).</summary>
    Failed,

    /// <summary>Not sent (4xx, unreachable, or the run stopped first): back to pending for a later run.</summary>
    Released,

    /// <summary>Not sent on purpose (the reply names why).</summary>
    Skipped,

    /// <summary>May or may not have been accepted: stays 'sending' for staff to decide.</summary>
    Uncertain,
}

/// <summary>One outcome for the ledger, with the server's reply (or the skip reason).</summary>
public readonly record struct Outcome(long ReaderId, OutcomeKind Kind, string Reply);

/// <summary>
/// The exactly-once delivery ledger, keyed by (digest, reader). A copy is sent only after its row moved from 'pending'
/// to 'sending' in a statement of its own (which re-reads unsubscribes, opt-outs and bounces at that moment), and is
/// recorded 'sent' right after the server accepted it. Nothing ever moves a row out of 'sent', nor out of 'sending'
/// except an accepted, refused or deferred message of the run that claimed it, or a staff decision.
/// </summary>
public sealed class DeliveryLedger(NpgsqlDataSource dataSource, AuditTrail audit, TimeProvider clock)
{
    public static readonly string Worker = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Adds every reader who should get the digest now and is not in the ledger yet; the count of rows added.</summary>
    public async Task<long> EnrolAsync(long digestId, string community, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO outreach.digest_deliveries (digest_id, reader_id)
            SELECT $1, r.id FROM outreach.readers r
            WHERE r.community = $2 AND r.status = 'active' AND r.email_opt_in AND coalesce(r.email, '') <> ''
              AND NOT EXISTS (SELECT 1 FROM outreach.mail_preferences p WHERE p.reader_id = r.id AND p.unsubscribed_at IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM outreach.mail_suppressions s WHERE s.address = lower(r.email))
            ON CONFLICT (digest_id, reader_id) DO NOTHING
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(digestId);
        command.Parameters.AddWithValue(community);
        var enrolled = await command.ExecuteNonQueryAsync(cancellationToken);
        // The claims that follow walk the ledger's key for this digest, which its statistics have never seen.
        await LinearPlans.AnalyzeAfterWriteAsync(connection, "outreach.digest_deliveries", enrolled, cancellationToken, "digest_id", "status");
        return enrolled;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> pending deliveries after <paramref name="afterReaderId"/>, in reader order, in one
    /// durable transaction: 'sending' for readers who should get their copy now (unsubscribes, opt-outs and bounces are read
    /// at this moment), 'skipped' with the reason for the others. Rows another run holds are passed over.
    /// </summary>
    public async Task<IReadOnlyList<Claim>> ClaimAsync(long digestId, long afterReaderId, int limit, string community, string[] digestKinds)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.AddWithValue(digestId);
        command.Parameters.AddWithValue(afterReaderId);
        command.Parameters.AddWithValue(digestKinds);
        command.Parameters.AddWithValue(community);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        command.Parameters.AddWithValue(Worker);
        command.Parameters.AddWithValue(limit);
        var claims = new List<Claim>(limit);
        // Never cancelled half-way: a claim that committed must reach the caller, which sends or releases it.
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        while (await reader.ReadAsync(CancellationToken.None))
        {
            claims.Add(new Claim(reader.GetInt64(0), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<string[]>(3), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return claims.OrderBy(c => c.ReaderId).ToList();
    }

    // The rows are picked and locked first, on the ledger's pending index alone; only those few are then joined.
    private const string ClaimSql = $"""
        WITH picked AS (
            SELECT reader_id FROM outreach.digest_deliveries
            WHERE digest_id = $1 AND status = 'pending' AND reader_id > $2
            ORDER BY reader_id
            LIMIT $7
            FOR UPDATE SKIP LOCKED),
        target AS (
            SELECT k.reader_id, r.email, p.kinds,
                CASE
                    WHEN p.unsubscribed_at IS NOT NULL THEN '{SkipReasons.Unsubscribed}'
                    WHEN r.status <> 'active' OR NOT r.email_opt_in THEN '{SkipReasons.OptedOut}'
                    WHEN coalesce(r.email, '') = '' THEN '{SkipReasons.NoAddress}'
                    WHEN s.address IS NOT NULL THEN '{SkipReasons.Bounced}'
                    WHEN r.community <> $4 THEN '{SkipReasons.Moved}'
                    WHEN p.kinds IS NOT NULL AND NOT (p.kinds && $3) THEN '{SkipReasons.NoMatchingEvents}'
                END AS skip
            FROM picked k
            JOIN outreach.readers r ON r.id = k.reader_id
            LEFT JOIN outreach.mail_preferences p ON p.reader_id = k.reader_id
            LEFT JOIN outreach.mail_suppressions s ON s.address = lower(r.email))
        UPDATE outreach.digest_deliveries d
        SET status = CASE WHEN t.skip IS NULL THEN 'sending' ELSE 'skipped' END, skip_reason = t.skip,
            address = CASE WHEN t.skip IS NULL THEN t.email ELSE d.address END,
            attempts = d.attempts + CASE WHEN t.skip IS NULL THEN 1 ELSE 0 END, claimed_at = $5, claimed_by = $6
        FROM target t
        WHERE d.digest_id = $1 AND d.reader_id = t.reader_id
        RETURNING t.reader_id, t.skip, t.email, t.kinds
        """;

    /// <summary>
    /// Records outcomes of claimed copies in one statement: sent, refused, back to pending, skipped, or left 'sending' with
    /// why (uncertain). Only rows still 'sending' change.
    /// </summary>
    public async Task RecordAsync(long digestId, IReadOnlyList<Outcome> outcomes)
    {
        if (outcomes.Count == 0)
            return;

        // Never cancelled: a message the server accepted must be written down, whatever stops the run. It commits without
        // waiting for the WAL flush: the claim before it was durable, so if the database itself crashed and lost this
        // record, the row would fall back to 'sending' (shown to staff), never to 'pending' (sent again).
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"),
                new NpgsqlBatchCommand(RecordSql)
                {
                    Parameters =
                    {
                        new NpgsqlParameter { Value = digestId },
                        new NpgsqlParameter { Value = clock.GetUtcNow() },
                        new NpgsqlParameter { Value = outcomes.Select(o => o.ReaderId).ToArray() },
                        new NpgsqlParameter { Value = outcomes.Select(o => o.Kind.ToString().ToLowerInvariant()).ToArray() },
                        new NpgsqlParameter { Value = outcomes.Select(o => o.Reply).ToArray() },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private const string RecordSql = """
        UPDATE outreach.digest_deliveries d SET
            status = CASE o.outcome WHEN 'sent' THEN 'sent' WHEN 'failed' THEN 'failed' WHEN 'released' THEN 'pending'
                                    WHEN 'skipped' THEN 'skipped' ELSE d.status END,
            sent_at = CASE WHEN o.outcome = 'sent' THEN $2 ELSE d.sent_at END,
            smtp_reply = CASE WHEN o.outcome = 'skipped' THEN d.smtp_reply ELSE o.reply END,
            skip_reason = CASE WHEN o.outcome = 'skipped' THEN o.reply ELSE d.skip_reason END
        FROM unnest($3::bigint[], $4::text[], $5::text[]) AS o(reader_id, outcome, reply)
        WHERE d.digest_id = $1 AND d.reader_id = o.reader_id AND d.status = 'sending'
        """;

    /// <summary>
    /// Staff decide about a delivery caught by a crash between claim and acceptance: recorded as sent (the server's log
    /// shows it arrived) or released to be sent by the next run. Only rows still 'sending' and not claimed by a live run.
    /// </summary>
    public async Task<bool> ResolveStuckAsync(long digestId, long readerId, bool resend, AuditActor staff, CancellationToken cancellationToken) =>
        await audit.ChangeAsync(staff, async (connection, transaction) =>
        {
            var set = resend
                ? "status = 'pending', smtp_reply = 'Released by ' || $3 || ' to be sent again'"
                : "status = 'sent', sent_at = claimed_at, smtp_reply = 'Recorded as sent by ' || $3";
            await using var command = new NpgsqlCommand($"""
                UPDATE outreach.digest_deliveries SET {set}
                WHERE digest_id = $1 AND reader_id = $2 AND status = 'sending'
                  AND NOT EXISTS (SELECT 1 FROM outreach.digests g JOIN outreach.job_runs j ON j.id = g.last_run_id
                                  WHERE g.id = $1 AND j.status = 'running')
                """, connection, transaction);
            command.Parameters.AddWithValue(digestId);
            command.Parameters.AddWithValue(readerId);
            command.Parameters.AddWithValue(staff.Name);
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        },
        done => done
            ? new AuditEntry(resend ? AuditActions.DigestCopySendAgain : AuditActions.DigestCopyArrived, AuditEntry.Reader(readerId),
                new Dictionary<string, string> { ["digest"] = digestId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            : null,
        cancellationToken);

    /// <summary>Rows of the digest in 'sending' now (before a run starts: left by a crash).</summary>
    public async Task<long> CountSendingAsync(long digestId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outreach.digest_deliveries WHERE digest_id = $1 AND status = 'sending'");
        command.Parameters.AddWithValue(digestId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<long> CountAsync(long digestId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outreach.digest_deliveries WHERE digest_id = $1");
        command.Parameters.AddWithValue(digestId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
