using Npgsql;
using NpgsqlTypes;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Activity;

/// <summary>
/// Applies a staged batch to the activity ledger with set-based SQL inside the caller's transaction: cards resolved to
/// readers (unknown ones refused), named events checked, each record's community as of when it happened, new records
/// inserted once (a record already in the ledger, or an attendance of the same reader at the same event, is a
/// duplicate), and refused records quarantined once with their reason.
/// </summary>
internal static class ActivityLedger
{
    public const string StagingTable = "activity_stage";

    public static async Task StageAsync(NpgsqlConnection connection, IAsyncEnumerable<CheckedActivity> records, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand($"""
            CREATE TEMP TABLE {StagingTable} (
                row_number  bigint      NOT NULL,
                source_id   text        COLLATE "C" NULL,
                card        text        NULL,
                kind        text        NULL,
                occurred_at timestamptz NULL,
                event_id    bigint      NULL,
                raw         text        NOT NULL,
                reason_code text        NULL,
                reason_text text        NULL,
                reader_id   bigint      NULL,
                community   text        NULL
            ) ON COMMIT DROP
            """, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {StagingTable} (row_number, source_id, card, kind, occurred_at, event_id, raw, reason_code, reason_text) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(record.Row, NpgsqlDbType.Bigint, cancellationToken);
            await WriteAsync(importer, record.Id, NpgsqlDbType.Text, cancellationToken);
            await WriteAsync(importer, record.Card, NpgsqlDbType.Text, cancellationToken);
            await WriteAsync(importer, record.Kind, NpgsqlDbType.Text, cancellationToken);
            await WriteAsync(importer, record.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteAsync(importer, record.EventId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(record.Raw, NpgsqlDbType.Text, cancellationToken);
            await WriteAsync(importer, record.ReasonCode, NpgsqlDbType.Text, cancellationToken);
            await WriteAsync(importer, record.ReasonText, NpgsqlDbType.Text, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>Applies the staged records ($1 source, $2 run, $3 now, $4 batch name, $5 library time zone) and counts what became of them.</summary>
    public static async Task<IntakeOutcome> ApplyAsync(NpgsqlConnection connection, ActivityBatch batch, long runId, DateTimeOffset now, string timeZone,
        CancellationToken cancellationToken)
    {
        async Task<long> Run(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Source });
            command.Parameters.Add(new NpgsqlParameter { Value = runId });
            command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Name });
            command.Parameters.Add(new NpgsqlParameter { Value = timeZone });
            var result = await command.ExecuteScalarAsync(cancellationToken);
            return result is long count ? count : 0;
        }

        // Staging has no index and autovacuum never analyses it. The statements that join it look up an unfiltered table
        // (cards, events, readers) by its unique key, or the ledger's rejects by theirs, so the planner can only drive them
        // from staging (an index probe per row) or hash them: never rescan staging per row of the other side.
        await LinearPlans.AnalyzeAsync(connection, StagingTable, cancellationToken, "source_id", "card", "event_id", "reason_code");
        await Run(ResolveCardsSql);
        await Run(UnknownCardsSql);
        await Run(UnknownEventsSql);
        // The readers found were not there when staging was analysed: the planner would take them for none.
        await LinearPlans.AnalyzeAsync(connection, StagingTable, cancellationToken, "reader_id", "reason_code");
        await Run(CommunitySql);
        var received = await Run($"SELECT count(*) FROM {StagingTable}");
        var valid = await Run($"SELECT count(*) FROM {StagingTable} WHERE reason_code IS NULL");
        // The insert's rejects, filtered by source, meet the rows just inserted (no index): a nested loop there could
        // rescan those rows once per reject, so hash joins only.
        await LinearPlans.ForbidNestedLoopsAsync(connection, cancellationToken);
        var accepted = await Run(InsertSql);
        await LinearPlans.AllowNestedLoopsAsync(connection, cancellationToken);
        var refused = received - valid;
        var quarantined = refused > 0 ? await Run(QuarantineSql) : 0;
        // A big batch moves the month's totals (what the monthly figures read) beyond what their statistics know.
        await LinearPlans.AnalyzeAfterWriteAsync(connection, "outreach.activity_months", accepted, cancellationToken);
        var rejects = await RejectsAsync(connection, cancellationToken);
        return new IntakeOutcome(runId, received, accepted, valid - accepted, quarantined, refused - quarantined, rejects);
    }

    private static async Task<IReadOnlyList<ActivityReject>> RejectsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT row_number, source_id, reason_code, reason_text FROM {StagingTable}
            WHERE reason_code IS NOT NULL ORDER BY row_number LIMIT {IntakeOutcome.RejectsShown}
            """, connection);
        var rejects = new List<ActivityReject>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rejects.Add(new ActivityReject(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rejects;
    }

    private static Task WriteAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    // Refused records are resolved too: their quarantine row then names the reader's community.
    private const string ResolveCardsSql = $"""
        UPDATE {StagingTable} s SET reader_id = c.reader_id
        FROM outreach.cards c WHERE c.card_number = s.card
        """;

    private const string UnknownCardsSql = $"""
        UPDATE {StagingTable} SET reason_code = 'unknown_card',
            reason_text = 'No reader holds card ' || card || ' in the registry: check the number at the sending system, or send the record again once the card is issued.'
        WHERE reason_code IS NULL AND reader_id IS NULL
        """;

    private const string UnknownEventsSql = $"""
        UPDATE {StagingTable} s SET reason_code = 'unknown_event',
            reason_text = 'There is no event ' || s.event_id || ' in the hub: send the hub''s event id, or none.'
        WHERE s.reason_code IS NULL AND s.event_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM outreach.events e WHERE e.id = s.event_id)
        """;

    // The community the reader lived in when the activity happened (see outreach.reader_community_at), also for
    // refused records of known readers, so their quarantine row names it.
    private const string CommunitySql = $"""
        UPDATE {StagingTable} s SET community = coalesce(
            (SELECT m.from_community FROM outreach.reader_moves m
             WHERE m.reader_id = s.reader_id AND m.moved_at > s.occurred_at ORDER BY m.moved_at, m.id LIMIT 1),
            r.community)
        FROM outreach.readers r WHERE r.id = s.reader_id
        """;

    // What is inserted is added to the running totals of its month (grouped, and in key order, so that two batches
    // lock the same totals in the same order). A record accepted now that was quarantined before (its card is known by
    // now) resolves its quarantine row.
    private const string InsertSql = $"""
        WITH inserted AS (
            INSERT INTO outreach.activities (source, source_id, kind, occurred_at, reader_id, community, event_id, run_id)
            SELECT $1, source_id, kind, occurred_at, reader_id, community, event_id, $2
            FROM {StagingTable} WHERE reason_code IS NULL
            ON CONFLICT DO NOTHING
            RETURNING source_id, kind, occurred_at, reader_id, community, run_id),
        totals AS (
            INSERT INTO outreach.activity_months ({ActivityMonths.Columns})
            SELECT (date_trunc('month', timezone($5, rows.occurred_at)))::date AS month, rows.community, rows.reader_id, {ActivityMonths.Totals}
            FROM inserted AS rows
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            {ActivityMonths.AddOnConflict}),
        cleared AS (
            DELETE FROM outreach.activity_rejects r USING inserted i
            WHERE r.source = $1 AND r.source_id = i.source_id
            RETURNING r.quarantine_id),
        resolved AS (
            UPDATE outreach.quarantine q SET resolved_at = $3, resolved_by = 'activity intake (accepted when sent again)'
            FROM cleared c WHERE q.id = c.quarantine_id AND q.resolved_at IS NULL)
        SELECT count(*) FROM inserted
        """;

    // Each refused record is quarantined once: one already in activity_rejects (refused before) is not quarantined
    // again, nor is the second copy of an id within the batch. Records without an id cannot be recognised when sent
    // again and are quarantined each time.
    private const string QuarantineSql = $"""
        WITH fresh AS (
            SELECT DISTINCT ON (coalesce(s.source_id, s.row_number::text)) s.*,
                   nextval(pg_get_serial_sequence('outreach.quarantine', 'id')) AS quarantine_id
            FROM {StagingTable} s
            WHERE s.reason_code IS NOT NULL
              AND (s.source_id IS NULL OR NOT EXISTS (
                  SELECT 1 FROM outreach.activity_rejects r WHERE r.source = $1 AND r.source_id = s.source_id))
            ORDER BY coalesce(s.source_id, s.row_number::text), s.row_number),
        quarantined AS (
            INSERT INTO outreach.quarantine (id, run_id, community, source, row_number, resident_id, reason_code, reason_text, raw_masked, created_at)
            OVERRIDING SYSTEM VALUE
            SELECT quarantine_id, $2, coalesce(community, ''), $4, row_number, NULL, reason_code, reason_text, raw, $3 FROM fresh),
        remembered AS (
            INSERT INTO outreach.activity_rejects (source, source_id, quarantine_id)
            SELECT $1, source_id, quarantine_id FROM fresh WHERE source_id IS NOT NULL)
        SELECT count(*) FROM fresh
        """;
}
