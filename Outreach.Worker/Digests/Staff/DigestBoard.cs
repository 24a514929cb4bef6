using Npgsql;
using Outreach.Integrations.PersonalData;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Digests.Staff;

/// <summary>One digest's figures as the staff page shows them.</summary>
public sealed record DigestSummary(
    long Id,
    string Community,
    string Week,
    string Subject,
    int Events,
    DateTimeOffset CreatedAt,
    long Recipients,
    long Pending,
    long Sending,
    long Sent,
    long Failed,
    long Skipped,
    long Bounced,
    long Unsubscribed,
    string? RunStatus,
    int? RunProgress,
    StoredMessage? RunMessage,
    string? HangfireJobId)
{
    public bool IsRunning => RunStatus == "running";

    /// <summary>Copies with an outcome, of all recipients.</summary>
    public int Progress => Recipients == 0 ? 100 : (int)(100 * (Sent + Failed + Skipped) / Recipients);

    /// <summary>Copies left 'sending' by a crash: they need a staff decision (only when no run is going on).</summary>
    public long Stuck => IsRunning ? 0 : Sending;
}

/// <summary>A delivery that needs a look: stuck in 'sending', refused, or bounced. The address is masked.</summary>
public sealed record DeliveryIssue(long ReaderId, string Status, string Address, DateTimeOffset? ClaimedAt, string? ClaimedBy, string? Reply, string? Bounce);

/// <summary>Reads the digests and their delivery figures for the staff pages.</summary>
public sealed class DigestBoard(NpgsqlDataSource dataSource)
{
    // The copies per status (and bounced, and unsubscribed since the digest was made) come from the counters kept with the
    // ledger and the readers' preferences (outreach.digest_delivery_counts), not from counting the ledger: a district's
    // digests have a million copies.
    private const string SummarySql = """
        SELECT g.id, g.community, g.iso_week, g.subject, g.event_count, g.created_at,
            coalesce(k.recipients, 0), coalesce(k.pending, 0), coalesce(k.sending, 0), coalesce(k.sent, 0), coalesce(k.failed, 0),
            coalesce(k.skipped, 0), coalesce(k.bounced, 0), coalesce(k.unsubscribed, 0),
            j.status, j.progress, j.message, j.hangfire_job_id, j.message_code, j.message_args::text
        FROM outreach.digests g
        LEFT JOIN LATERAL (
            SELECT sum(c.copies) FILTER (WHERE c.status NOT IN ('bounced', 'unsubscribed'))::bigint AS recipients,
                   sum(c.copies) FILTER (WHERE c.status = 'pending')::bigint AS pending,
                   sum(c.copies) FILTER (WHERE c.status = 'sending')::bigint AS sending,
                   sum(c.copies) FILTER (WHERE c.status = 'sent')::bigint AS sent,
                   sum(c.copies) FILTER (WHERE c.status = 'failed')::bigint AS failed,
                   sum(c.copies) FILTER (WHERE c.status = 'skipped')::bigint AS skipped,
                   sum(c.copies) FILTER (WHERE c.status = 'bounced')::bigint AS bounced,
                   sum(c.copies) FILTER (WHERE c.status = 'unsubscribed')::bigint AS unsubscribed
            FROM outreach.digest_delivery_counts c WHERE c.digest_id = g.id) AS k ON true
        LEFT JOIN outreach.job_runs j ON j.id = g.last_run_id
        """;

    /// <summary>Digests newest week first, optionally of one week or community.</summary>
    public async Task<IReadOnlyList<DigestSummary>> ListAsync(string? week, string? community, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            {SummarySql}
            WHERE ($1::text IS NULL OR g.iso_week = $1) AND ($2::text IS NULL OR g.community = $2)
            ORDER BY g.iso_week DESC, g.community
            LIMIT $3
            """);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)Blank(week) ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)Blank(community) ?? DBNull.Value);
        command.Parameters.AddWithValue(limit);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<DigestSummary?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{SummarySql} WHERE g.id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The deliveries of a digest that need a look, stuck ones first.</summary>
    public async Task<IReadOnlyList<DeliveryIssue>> IssuesAsync(long digestId, int limit, CancellationToken cancellationToken)
    {
        // The page's copies are picked from the digest's own (by the ledger's key) before the registry is read for the few
        // addresses missing: a join first would let the planner hash a million readers for a few hundred rows.
        await using var command = dataSource.CreateCommand("""
            SELECT i.reader_id, i.status, coalesce(i.address, r.email, ''), i.claimed_at, i.claimed_by, i.smtp_reply, i.bounce_kind
            FROM (SELECT d.reader_id, d.status, d.address, d.claimed_at, d.claimed_by, d.smtp_reply, d.bounce_kind
                  FROM outreach.digest_deliveries d
                  WHERE d.digest_id = $1 AND (d.status IN ('sending', 'failed') OR d.bounced_at IS NOT NULL)
                  ORDER BY d.status = 'sending' DESC, d.status, d.reader_id
                  LIMIT $2) AS i
            JOIN outreach.readers r ON r.id = i.reader_id
            ORDER BY i.status = 'sending' DESC, i.status, i.reader_id
            """);
        command.Parameters.AddWithValue(digestId);
        command.Parameters.AddWithValue(limit);
        var issues = new List<DeliveryIssue>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            issues.Add(new DeliveryIssue(reader.GetInt64(0), reader.GetString(1), Masking.Email(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : TextScrubber.Scrub(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return issues;
    }

    /// <summary>Copies stuck in 'sending' over all digests with no run going on: the home page's "failed deliveries" signal.</summary>
    public async Task<long> StuckAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT coalesce(sum(c.copies), 0)::bigint FROM outreach.digest_delivery_counts c JOIN outreach.digests g ON g.id = c.digest_id
            LEFT JOIN outreach.job_runs j ON j.id = g.last_run_id
            WHERE c.status = 'sending' AND coalesce(j.status, '') <> 'running'
            """);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<IReadOnlyList<DigestSummary>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<DigestSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DigestSummary(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9),
                reader.GetInt64(10), reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13),
                reader.IsDBNull(14) ? null : reader.GetString(14), reader.IsDBNull(15) ? null : reader.GetInt32(15),
                StoredMessage.From(reader.IsDBNull(16) ? null : reader.GetString(16), reader.IsDBNull(18) ? null : reader.GetString(18),
                    reader.IsDBNull(19) ? null : reader.GetString(19)),
                reader.IsDBNull(17) ? null : reader.GetString(17)));
        }

        return rows;
    }
}
