using Npgsql;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Readers.Sync;

/// <summary>What applying a staged roster changed.</summary>
public sealed record ApplyOutcome(long Valid, long Quarantined, long Inserted, long Updated, long Moved, long MissingWithdrawn,
    long CardsIssued, long CardsWithdrawn, long CardsReactivated)
{
    public long Applied => Inserted + Updated;

    public long Unchanged => Valid - Applied;
}

/// <summary>A full snapshot would withdraw too many cards: most likely a truncated file. Nothing was changed.</summary>
public sealed class SnapshotRefusedException(string community, long withdrawals, long holders, double maxShare)
    : RunRefusedException(Describe(community, withdrawals, holders, maxShare), new Dictionary<string, long> { ["would_withdraw"] = withdrawals })
{
    public string Community { get; } = community;

    public long Withdrawals { get; } = withdrawals;

    private static string Describe(string community, long withdrawals, long holders, double maxShare) => string.Format(
        System.Globalization.CultureInfo.InvariantCulture,
        "Roster for {0} refused: it would withdraw {1} of {2} cards ({3:P0}), more than the {4:P0} allowed, so it is most likely truncated. " +
        "Nothing was changed. If the roster is right, approve it on the sync runs page and run the sync again; " +
        "otherwise ask the community for a complete file.",
        community, withdrawals, holders, (double)withdrawals / holders, maxShare);
}

/// <summary>
/// Applies a staged roster to the registry with set-based SQL inside the caller's transaction: duplicates and
/// ID conflicts quarantined, moves between communities, inserts and updates (unchanged rows untouched), the
/// withdrawal guard, missing residents withdrawn, cards issued, withdrawn or reactivated (for the readers this run
/// touched: the others' cards already match them), card status queued
/// for the community, quarantine rows and warnings recorded.
/// </summary>
public static class RosterApplier
{
    private const string S = RosterStager.StagingTable;

    public static async Task<ApplyOutcome> ApplyAsync(NpgsqlConnection connection, ApplyContext context, CancellationToken cancellationToken)
    {
        var sql = new SqlRunner(connection, context, cancellationToken);
        // No indexes on staging: every statement below joins it whole, which hash joins do best once statistics exist.
        await sql.ExecuteAsync($"ANALYZE {S}");
        if (context.MayHaveDuplicates)
        {
            await MarkDuplicatesAsync(sql);
        }

        // A community the registry already knows: one join finds the few rows that are new or changed, and only those are
        // classified, updated or inserted (a nightly roster is mostly unchanged). A first load takes every row.
        var known = await sql.ScalarAsync("SELECT count(*) FROM (SELECT 1 FROM outreach.readers WHERE community = $1 LIMIT 1) AS known") > 0;
        var delta = known ? "s.change IS NOT NULL" : "TRUE";
        if (known)
        {
            await sql.ExecuteAsync(MarkChangesSql);
        }

        await ClassifyAsync(sql, delta);
        var moved = await sql.ExecuteAsync(MoveSql);
        var updated = await sql.ExecuteAsync(UpdateSql(delta));
        var inserted = await sql.ExecuteAsync(InsertSql(delta));
        var missing = context.IsFullSnapshot ? await sql.ExecuteAsync(WithdrawMissingSql) : 0;
        if (inserted + updated + missing > 10_000)
        {
            // A big load in this same transaction leaves the planner without statistics for what follows.
            await sql.ExecuteAsync("ANALYZE outreach.readers");
        }

        var withdrawn = await sql.ScalarAsync(CardsWithdrawSql);
        if (context.IsFullSnapshot && withdrawn > 0)
        {
            // Everything so far is in the caller's transaction: a refusal rolls it all back.
            await GuardWithdrawalsAsync(sql, context, withdrawn);
        }

        var reactivated = await sql.ScalarAsync(CardsReactivateSql);
        // With nothing owed to the community yet (a first load), no new entry can meet a pending one: plain inserts.
        var owed = await sql.ScalarAsync(
            "SELECT count(*) FROM (SELECT 1 FROM outreach.card_status_outbox WHERE community = $1 AND sent_at IS NULL LIMIT 1) AS owed") > 0;
        var issued = await sql.ScalarAsync(CardsIssueSql(owed ? OutboxUpsert : ""));
        await sql.ExecuteAsync(MovedCardsOutboxSql);
        var quarantined = await sql.ExecuteAsync(QuarantineSql);
        await sql.ExecuteAsync(WarningsSql);
        var valid = await sql.ScalarAsync($"SELECT count(*) FROM {S} WHERE reason_code IS NULL");
        return new ApplyOutcome(valid, quarantined, inserted, updated, moved, missing, issued, withdrawn, reactivated);
    }

    private static async Task MarkDuplicatesAsync(SqlRunner sql)
    {
        // Staging only says "maybe" (fingerprints met twice): a hash aggregate finds out exactly before any sorting window pass.
        var duplicates = await sql.ScalarAsync($"""
            SELECT (EXISTS (SELECT 1 FROM {S} WHERE reason_code IS NULL GROUP BY resident_id HAVING count(*) > 1))::int
                 + (EXISTS (SELECT 1 FROM {S} WHERE reason_code IS NULL AND id_hash IS NOT NULL GROUP BY id_hash HAVING count(*) > 1))::int
            """);
        if (duplicates == 0)
        {
            return;
        }

        await sql.ExecuteAsync($"""
            WITH ranked AS (
                SELECT row_number, first_value(row_number) OVER (PARTITION BY resident_id ORDER BY row_number) AS first_row
                FROM {S} WHERE reason_code IS NULL)
            UPDATE {S} s SET reason_code = 'duplicate_resident_id',
                reason_text = 'The same resident_id appears earlier in this roster (row ' || r.first_row || ').'
            FROM ranked r WHERE s.row_number = r.row_number AND r.row_number <> r.first_row
            """);
        await sql.ExecuteAsync($"""
            WITH ranked AS (
                SELECT row_number, first_value(row_number) OVER (PARTITION BY id_hash ORDER BY row_number) AS first_row
                FROM {S} WHERE reason_code IS NULL AND id_hash IS NOT NULL)
            UPDATE {S} s SET reason_code = 'duplicate_id_number',
                reason_text = 'The same ID number appears earlier in this roster (row ' || r.first_row || ').'
            FROM ranked r WHERE s.row_number = r.row_number AND r.row_number <> r.first_row
            """);
    }

    // A valid row updates its reader or inserts a new one (outcome left NULL). Only rows whose ID number already
    // belongs to a different reader need a decision: move that reader here, ignore an old community's stale row
    // for someone who moved away, or refuse an ID number that is someone else's.
    private static async Task ClassifyAsync(SqlRunner sql, string delta)
    {
        await sql.ExecuteAsync($"""
            UPDATE {S} s SET outcome = CASE
                    WHEN EXISTS (SELECT 1 FROM outreach.readers t WHERE t.community = $1 AND t.resident_id = s.resident_id) THEN 'conflict'
                    WHEN EXISTS (SELECT 1 FROM outreach.reader_moves m
                                 WHERE m.reader_id = h.id AND m.from_community = $1 AND m.from_resident_id = s.resident_id)
                        THEN CASE WHEN s.status = 'active' THEN 'moved_away' ELSE 'stale' END
                    WHEN h.community = $1 AND EXISTS (SELECT 1 FROM {S} o WHERE o.resident_id = h.resident_id) THEN 'conflict'
                    ELSE 'move' END
            FROM outreach.readers h
            WHERE s.reason_code IS NULL AND {delta} AND h.id_hash = s.id_hash AND NOT (h.community = $1 AND h.resident_id = s.resident_id)
            """);
        await sql.ExecuteAsync($"""
            UPDATE {S} SET
                reason_code = CASE outcome WHEN 'conflict' THEN 'id_number_conflict' ELSE 'moved_away_still_active' END,
                reason_text = CASE outcome
                    WHEN 'conflict' THEN 'The ID number belongs to another reader in the registry; check the resident''s ID number at the source.'
                    ELSE 'This resident moved to another community but is still listed as active here; mark them moved out at the source.' END
            WHERE outcome IN ('conflict', 'moved_away')
            """);
    }

    private static async Task GuardWithdrawalsAsync(SqlRunner sql, ApplyContext context, long withdrawals)
    {
        // The community's card holders before this run: active cards now, plus the ones this run withdrew, less the readers
        // who only became the community's by moving here in this run.
        var holders = await sql.ScalarAsync(HoldersBeforeSql);
        if (holders == 0 || withdrawals <= context.MaxWithdrawalShare * holders)
        {
            return;
        }

        var approved = await sql.ScalarAsync("""
            WITH used AS (
                UPDATE outreach.sync_approvals SET used_by_run_id = $2
                WHERE community = $1 AND used_by_run_id IS NULL AND withdrawals_allowed >= $6
                RETURNING id)
            SELECT count(*) FROM used
            """, withdrawals);
        if (approved == 0)
        {
            throw new SnapshotRefusedException(context.Community, withdrawals, holders, context.MaxWithdrawalShare);
        }
    }

    private const string HoldersBeforeSql = """
        SELECT count(*) FROM outreach.readers r JOIN outreach.cards c ON c.reader_id = r.id
        WHERE r.community = $1
          AND (c.status = 'active'
               OR EXISTS (SELECT 1 FROM outreach.card_events e WHERE e.card_id = c.id AND e.run_id = $2 AND e.event = 'withdrawn'))
          AND NOT EXISTS (SELECT 1 FROM outreach.reader_moves m WHERE m.reader_id = r.id AND m.run_id = $2)
        """;

    // The valid rows whose resident is new to the community or whose digest differs from the registry's.
    private const string MarkChangesSql = $"""
        WITH delta AS (
            SELECT s.row_number, t.id IS NULL AS is_new
            FROM {S} s LEFT JOIN outreach.readers t ON t.community = $1 AND t.resident_id = s.resident_id
            WHERE s.reason_code IS NULL AND (t.id IS NULL OR t.row_hash IS DISTINCT FROM s.row_hash))
        UPDATE {S} s SET change = CASE WHEN d.is_new THEN 'new' ELSE 'changed' END
        FROM delta d WHERE s.row_number = d.row_number
        """;

    private const string MoveSql = $"""
        WITH src AS (
            SELECT h.id, h.community AS from_community, h.resident_id AS from_resident, s.resident_id AS to_resident
            FROM {S} s JOIN outreach.readers h ON h.id_hash = s.id_hash
            WHERE s.outcome = 'move'),
        moved AS (
            UPDATE outreach.readers h SET community = $1, resident_id = src.to_resident
            FROM src WHERE h.id = src.id
            RETURNING h.id)
        INSERT INTO outreach.reader_moves (reader_id, from_community, from_resident_id, to_community, to_resident_id, run_id, moved_at)
        SELECT src.id, src.from_community, src.from_resident, $1, src.to_resident, $2, $3 FROM src JOIN moved ON moved.id = src.id
        """;

    private static string InsertSql(string delta) => $"""
        INSERT INTO outreach.readers (community, resident_id, id_hash, id_masked, name, name_masked, phone, email, address,
            birth_date, status, wants_card, email_opt_in, source_updated_at, row_hash, created_at, updated_at, last_run_id)
        SELECT $1, resident_id, id_hash, id_masked, name, name_masked, phone, email, address,
            birth_date, status, wants_card, email_opt_in, source_updated_at, row_hash, $3, $3, $2
        FROM {S} s WHERE reason_code IS NULL AND outcome IS NULL AND {delta}
          AND NOT EXISTS (SELECT 1 FROM outreach.readers t WHERE t.community = $1 AND t.resident_id = s.resident_id)
        """;

    // Only rows whose digest differs: a reader whose roster row did not change is not touched at all.
    private static string UpdateSql(string delta) => $"""
        UPDATE outreach.readers t SET
            id_hash = s.id_hash, id_masked = s.id_masked, name = s.name, name_masked = s.name_masked, phone = s.phone, email = s.email,
            address = s.address, birth_date = s.birth_date, status = s.status, wants_card = s.wants_card, email_opt_in = s.email_opt_in,
            source_updated_at = s.source_updated_at, row_hash = s.row_hash, updated_at = $3, last_run_id = $2
        FROM {S} s
        WHERE s.reason_code IS NULL AND (s.outcome IS NULL OR s.outcome = 'move') AND {delta}
          AND t.community = $1 AND t.resident_id = s.resident_id AND t.row_hash IS DISTINCT FROM s.row_hash
        """;

    // Only a full snapshot speaks for everyone; a row refused by validation still counts as present.
    private const string WithdrawMissingSql = $"""
        UPDATE outreach.readers r SET status = 'withdrawn', row_hash = '\x00'::bytea, updated_at = $3, last_run_id = $2
        WHERE r.community = $1 AND r.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM {S} s WHERE s.resident_id = r.resident_id)
        """;

    private const string OutboxUpsert = """
        ON CONFLICT (community, resident_id) WHERE sent_at IS NULL DO UPDATE SET
            card_number = EXCLUDED.card_number, status = EXCLUDED.status, issued_on = EXCLUDED.issued_on,
            created_at = EXCLUDED.created_at, attempts = 0, last_error = NULL, last_try_at = NULL
        """;

    private static readonly string CardsWithdrawSql = CardTransitionSql(
        "c.status <> 'withdrawn' AND (r.status <> 'active' OR NOT r.wants_card)", "withdrawn", "$4", "withdrawn");

    private static readonly string CardsReactivateSql = CardTransitionSql(
        "c.status = 'withdrawn' AND r.status = 'active' AND r.wants_card", "active", "NULL", "reactivated");

    // A card of a reader this run touched changes status: the event is kept and the community is owed the new status.
    private static string CardTransitionSql(string condition, string newStatus, string withdrawnOn, string cardEvent) => $"""
        WITH changed AS (
            UPDATE outreach.cards c SET status = '{newStatus}', withdrawn_on = {withdrawnOn}, updated_at = $3
            FROM outreach.readers r
            WHERE c.reader_id = r.id AND r.community = $1 AND r.last_run_id = $2 AND {condition}
            RETURNING c.id, c.card_number, c.issued_on, r.resident_id),
        events AS (
            INSERT INTO outreach.card_events (card_id, community, event, at, run_id) SELECT id, $1, '{cardEvent}', $3, $2 FROM changed),
        outbox AS (
            INSERT INTO outreach.card_status_outbox (community, resident_id, card_number, status, issued_on, created_at)
            SELECT $1, resident_id, card_number, '{newStatus}', issued_on, $3 FROM changed
            {OutboxUpsert})
        SELECT count(*) FROM changed
        """;

    private static string CardsIssueSql(string onConflict) => $"""
        WITH i AS (
            INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, issued_community, updated_at)
            SELECT reader_id, 'ZB' || serial || outreach.card_check_character(serial), 'active', $4, $1, $3
            FROM (SELECT r.id AS reader_id, lpad(nextval('outreach.card_serial')::text, 9, '0') AS serial
                  FROM outreach.readers r
                  WHERE r.community = $1 AND r.last_run_id = $2 AND r.status = 'active' AND r.wants_card
                    AND NOT EXISTS (SELECT 1 FROM outreach.cards c WHERE c.reader_id = r.id)) AS fresh
            RETURNING id, reader_id, card_number, issued_on),
        outbox AS (
            INSERT INTO outreach.card_status_outbox (community, resident_id, card_number, status, issued_on, created_at)
            SELECT $1, r.resident_id, i.card_number, 'active', i.issued_on, $3 FROM i JOIN outreach.readers r ON r.id = i.reader_id
            {onConflict})
        SELECT count(*) FROM i
        """;

    // The community a reader moved to learns the card they already hold.
    private const string MovedCardsOutboxSql = $"""
        INSERT INTO outreach.card_status_outbox (community, resident_id, card_number, status, issued_on, created_at)
        SELECT $1, r.resident_id, c.card_number, c.status, c.issued_on, $3
        FROM outreach.reader_moves m JOIN outreach.readers r ON r.id = m.reader_id JOIN outreach.cards c ON c.reader_id = r.id
        WHERE m.run_id = $2 AND c.status = 'active'
        {OutboxUpsert}
        """;

    private const string QuarantineSql = $"""
        INSERT INTO outreach.quarantine (run_id, community, source, row_number, resident_id, reason_code, reason_text, raw_masked, created_at)
        SELECT $2, $1, $5, row_number, resident_id, reason_code, reason_text,
               coalesce(raw_masked, 'resident ' || coalesce(resident_id, '?') || ', ' || coalesce(name_masked, '?')), $3
        FROM {S} WHERE reason_code IS NOT NULL
        """;

    private const string WarningsSql = $"""
        INSERT INTO outreach.sync_warnings (run_id, community, row_number, resident_id, warning)
        SELECT $2, $1, row_number, resident_id, unnest(warnings) FROM {S} WHERE reason_code IS NULL AND warnings IS NOT NULL
        """;
}

/// <summary>
/// The run a staged roster is applied for. <c>MayHaveDuplicates</c> is false when staging proved that no two accepted rows
/// share a resident id or an ID number.
/// </summary>
public sealed record ApplyContext(string Community, long RunId, DateTimeOffset Now, DateOnly Today, bool IsFullSnapshot, string Source,
    double MaxWithdrawalShare, bool MayHaveDuplicates = true);

/// <summary>Runs the applier's statements with the run's parameters ($1 community, $2 run, $3 now, $4 today, $5 source).</summary>
internal sealed class SqlRunner(NpgsqlConnection connection, ApplyContext context, CancellationToken cancellationToken)
{
    public async Task<long> ExecuteAsync(string sql)
    {
        await using var command = Command(sql, []);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> ScalarAsync(string sql, params object[] extra)
    {
        await using var command = Command(sql, extra);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private NpgsqlCommand Command(string sql, object[] extra)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        // Typed parameters a statement does not refer to are accepted by PostgreSQL, so every statement gets them all.
        object[] values = [context.Community, context.RunId, context.Now, context.Today, context.Source, .. extra];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
