using Npgsql;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;
using Outreach.Worker.Readers.HashKeys;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Readers.Sync;

/// <summary>What applying a staged roster changed.</summary>
public sealed record ApplyOutcome(long Valid, long Quarantined, long Inserted, long Updated, long Moved, long MissingWithdrawn,
    long CardsIssued, long CardsWithdrawn, long CardsReactivated, long Rehashed)
{
    public long Applied => Inserted + Updated;

    public long Unchanged => Valid - Applied;
}

/// <summary>
/// A roster would withdraw more cards than the community's share allows: a full snapshot that is most likely truncated, or
/// changes that are most likely wrong at the source. Nothing was changed; staff may approve it.
/// </summary>
public sealed class RosterRefusedException(string community, bool fullSnapshot, long withdrawals, long holders, double maxShare)
    : RunRefusedException(Describe(community, fullSnapshot, withdrawals, holders, maxShare),
        new Dictionary<string, long> { ["would_withdraw"] = withdrawals })
{
    public string Community { get; } = community;

    public long Withdrawals { get; } = withdrawals;

    // One message per kind of roster: the words around the figures differ, and a translation needs them whole.
    private static StaffMessage Describe(string community, bool fullSnapshot, long withdrawals, long holders, double maxShare)
    {
        var share = (double)withdrawals / holders;
        var key = $"Outreach:Communities:{community}:MaxWithdrawalShare";
        return fullSnapshot
            ? StaffMessage.Of("Sync.Refused.FullSnapshot",
                $"Roster for {community} refused: the full snapshot would withdraw {withdrawals} of {holders} cards ({share:P0}), more than the {maxShare:P0} allowed ({key}), so it is most likely truncated. Nothing was changed. If the roster is right, approve it on the sync runs page and run the sync again; otherwise ask the community for a complete file.")
            : StaffMessage.Of("Sync.Refused.Changes",
                $"Roster for {community} refused: the changes since the last run would withdraw {withdrawals} of {holders} cards ({share:P0}), more than the {maxShare:P0} allowed ({key}), so they are most likely wrong at the source. Nothing was changed. If the roster is right, approve it on the sync runs page and run the sync again; otherwise ask the community to correct the residents' status in its system.");
    }
}

/// <summary>
/// Applies a staged roster to the registry with set-based SQL inside the caller's transaction: duplicates and
/// ID conflicts quarantined, moves between communities, inserts and updates (unchanged rows untouched), the
/// missing residents withdrawn, cards issued, withdrawn or reactivated (for the readers this run
/// touched: the others' cards already match them) under the withdrawal guard of every run, card status queued
/// for the community, quarantine rows and warnings recorded.
/// </summary>
public static class RosterApplier
{
    private const string S = RosterStager.StagingTable;

    // The registry's columns that the hub's statements join or filter on (its names and contacts are only ever read).
    private static readonly string[] RegistryColumns = ["community", "resident_id", "id_hash", "status", "wants_card", "email_opt_in", "last_run_id"];

    public static async Task<ApplyOutcome> ApplyAsync(NpgsqlConnection connection, ApplyContext context, CancellationToken cancellationToken)
    {
        var sql = new SqlRunner(connection, context, cancellationToken);
        // Staging has no index: every statement below joins it whole. ANALYZE gives the planner its size and values, and
        // nested loops stay ruled out while statements join it, so that no estimate, right or stale, can make a plan
        // rescan it once per row of the other side (a community's first sync of 40,000 residents took minutes that way).
        // A roster of a few thousand rows is not worth analysing: with nested loops ruled out, any plan over it is a pass or two.
        if (context.Staged.Read >= LinearPlans.AnalyzeFromFewRows)
        {
            await LinearPlans.AnalyzeSampleAsync(connection, S, cancellationToken, "row_number", "resident_id", "id_hash", "reason_code", "id_hash_previous");
        }

        await LinearPlans.ForbidNestedLoopsAsync(connection, cancellationToken);
        // One round trip: room for the hash joins over a whole roster (a spilled one writes both sides to disk in batches), and
        // whether the registry knows this community, and whether it holds any ID-number hash at all (neither changes below).
        var start = await sql.ScalarsAsync($"""
            SELECT (set_config('work_mem', '{HashJoinMemory}', true) IS NOT NULL)::int::bigint,
                   EXISTS (SELECT 1 FROM outreach.readers WHERE community = $1)::int::bigint,
                   EXISTS (SELECT 1 FROM outreach.readers WHERE id_hash IS NOT NULL)::int::bigint
            """);
        var refused = context.Staged.Quarantined + (context.Staged.MayHaveDuplicates ? await MarkDuplicatesAsync(sql) : 0);
        // While the hash key is rotated, every reader this roster lists under the previous key gets the new key's hash first,
        // wherever they live: all the matching below (moves included) then compares hashes under one key.
        var rehashed = context.Keys.PreviousId is null ? 0 : await sql.ExecuteAsync(RehashSql);

        // A community the registry already knows: one join finds the few rows that are new or changed, and only those are
        // classified, updated or inserted (a nightly roster is mostly unchanged). A first load takes every row.
        var known = start[1] != 0;
        var delta = known ? "s.change IS NOT NULL" : "TRUE";
        var (fresh, changed, identities, absent) = (context.Staged.Read, 0L, context.Staged.Read, 0L);
        if (known)
        {
            var marked = await sql.ScalarsAsync(MarkChangesSql);
            (fresh, changed, identities, absent) = (marked[0], marked[1], marked[2], marked[3]);
            if ((fresh + changed) * 10 >= context.Staged.Read && context.Staged.Read >= LinearPlans.AnalyzeFromFewRows)
            {
                // The column was empty when staging was analysed: the planner would take the changed rows for one. (For a delta
                // under a tenth of the roster that guess is near enough: hash joins, or index probes per changed row.)
                await LinearPlans.AnalyzeSampleAsync(connection, S, cancellationToken, "change");
            }
        }

        // Only a row whose ID number another reader may hold needs classifying: a new resident, or one whose ID number changed
        // (a changed row that kept its hash matches its own reader only). None can while the registry holds no ID number.
        var holders = identities > 0 && start[2] != 0;
        var (moves, conflicts) = holders ? await ClassifyAsync(sql, known ? "s.change IN ('new', 'changed_id')" : "TRUE") : (0, 0);
        refused += conflicts;
        var moved = moves > 0 ? await sql.ExecuteAsync(MoveSql) : 0;
        // On a first load, only the readers who moved here in this run can match a row.
        var updated = changed + moved > 0 ? await UpdateAsync(sql, known && moved == 0, changed * 10 < context.Staged.Read, delta) : 0;
        var inserted = fresh > 0 ? await sql.ExecuteAsync(InsertSql(known)) : 0;
        // A load in this same transaction leaves the registry's statistics describing what it held before (updates leave the
        // communities' sizes as they were).
        await LinearPlans.AnalyzeAfterWriteAsync(connection, "outreach.readers", inserted + moved, cancellationToken, RegistryColumns);
        // Only a full snapshot speaks for everyone, and on a first load every reader of the community came from this roster.
        // The marking join already counted the active readers the roster does not list: none, and there is nothing to look for.
        var missing = context.IsFullSnapshot && known && absent > 0 ? await sql.ExecuteAsync(WithdrawMissingSql) : 0;
        // What follows joins the registry's tables on their indexes, where nested loops are what a small run wants.
        await LinearPlans.AllowNestedLoopsAsync(connection, cancellationToken);

        // A card's status can be wrong only for a reader this run updated, moved or withdrew: new readers have no card yet.
        var touched = updated + moved + missing > 0;
        var withdrawn = touched ? await sql.ScalarAsync(CardsWithdrawSql) : 0;
        if (withdrawn > 0)
        {
            // Whatever the run (a full snapshot, the changes since the cursor; rest or csv), what it withdraws is counted and
            // held to the same share. Everything so far is in the caller's transaction: a refusal rolls it all back.
            await GuardWithdrawalsAsync(sql, context, withdrawn);
        }

        var reactivated = touched ? await sql.ScalarAsync(CardsReactivateSql) : 0;
        var issued = 0L;
        if (inserted + updated + moved > 0)
        {
            // With nothing owed to the community yet (a first load), no new entry can meet a pending one: plain inserts.
            var owed = await sql.ScalarAsync(
                "SELECT count(*) FROM (SELECT 1 FROM outreach.card_status_outbox WHERE community = $1 AND sent_at IS NULL LIMIT 1) AS owed") > 0;
            issued = await sql.ScalarAsync(CardsIssueSql(owed ? OutboxUpsert : ""));
            await LinearPlans.AnalyzeAfterWriteAsync(connection, "outreach.cards", issued, cancellationToken);
        }

        await LinearPlans.AnalyzeAfterWriteAsync(connection, "outreach.card_status_outbox", issued + withdrawn + reactivated, cancellationToken,
            "community", "sent_at");
        if (moved > 0)
        {
            await sql.ExecuteAsync(MovedCardsOutboxSql);
        }

        var quarantined = refused > 0 ? await sql.ExecuteAsync(QuarantineSql) : 0;
        if (context.Staged.Warnings > 0)
        {
            await sql.ExecuteAsync(WarningsSql);
        }

        return new ApplyOutcome(context.Staged.Read - quarantined, quarantined, inserted, updated, moved, missing, issued, withdrawn, reactivated,
            rehashed);
    }

    /// <summary>
    /// The changed rows' readers updated. A nightly roster changes a few rows in a hundred: the marking join kept each changed
    /// row's reader id, and those readers are found by primary key, one probe each, rather than by a pass over all of the
    /// community's readers. (Only with no reader moved here: a moved reader's id was not the community's when marked.)
    /// </summary>
    private static async Task<long> UpdateAsync(SqlRunner sql, bool byReaderId, bool fewChanged, string delta)
    {
        if (!byReaderId)
        {
            return await sql.ExecuteAsync(UpdateSql(delta));
        }

        // A probe per changed row is linear in the changed rows; a hash join would read the whole community for a few of them.
        return fewChanged
            ? await sql.ExecuteOnlyProbingAsync(UpdateByReaderIdSql)
            : await sql.ExecuteAsync(UpdateByReaderIdSql);
    }

    // What a hash join over a whole roster and the community's readers needs to stay in one pass at a million rows.
    private const string HashJoinMemory = "128MB";

    /// <returns>The rows refused as duplicates.</returns>
    private static async Task<long> MarkDuplicatesAsync(SqlRunner sql)
    {
        // Staging only says "maybe" (fingerprints met twice): a hash aggregate finds out exactly before any sorting window pass.
        var duplicates = await sql.ScalarAsync($"""
            SELECT (EXISTS (SELECT 1 FROM {S} WHERE reason_code IS NULL GROUP BY resident_id HAVING count(*) > 1))::int
                 + (EXISTS (SELECT 1 FROM {S} WHERE reason_code IS NULL AND id_hash IS NOT NULL GROUP BY id_hash HAVING count(*) > 1))::int
            """);
        if (duplicates == 0)
        {
            return 0;
        }

        var residents = await sql.ExecuteAsync($"""
            WITH ranked AS (
                SELECT row_number, first_value(row_number) OVER (PARTITION BY resident_id ORDER BY row_number) AS first_row
                FROM {S} WHERE reason_code IS NULL)
            UPDATE {S} s SET reason_code = 'duplicate_resident_id',
                reason_text = 'The same resident_id appears earlier in this roster (row ' || r.first_row || ').'
            FROM ranked r WHERE s.row_number = r.row_number AND r.row_number <> r.first_row
            """);
        return residents + await sql.ExecuteAsync($"""
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
    // for someone who moved away, or refuse an ID number that is someone else's. The question "is that reader's own
    // resident id also in this roster" is a join, not a subquery per row: staging has no index to answer it row by row.
    private static async Task<(long Moves, long Refused)> ClassifyAsync(SqlRunner sql, string delta)
    {
        var counts = await sql.ScalarsAsync($"""
            WITH candidate AS MATERIALIZED (
                SELECT s.row_number, s.resident_id, s.status, h.id AS holder_id, h.community AS holder_community, h.resident_id AS holder_resident_id
                FROM {S} s JOIN outreach.readers h ON h.id_hash = s.id_hash
                WHERE s.reason_code IS NULL AND {delta} AND NOT (h.community = $1 AND h.resident_id = s.resident_id)),
            still_listed AS (
                SELECT DISTINCT c.row_number FROM candidate c JOIN {S} o ON o.resident_id = c.holder_resident_id WHERE c.holder_community = $1),
            decided AS (
                SELECT c.row_number, CASE
                        WHEN EXISTS (SELECT 1 FROM outreach.readers t WHERE t.community = $1 AND t.resident_id = c.resident_id) THEN 'conflict'
                        WHEN EXISTS (SELECT 1 FROM outreach.reader_moves m
                                     WHERE m.reader_id = c.holder_id AND m.from_community = $1 AND m.from_resident_id = c.resident_id)
                            THEN CASE WHEN c.status = 'active' THEN 'moved_away' ELSE 'stale' END
                        WHEN l.row_number IS NOT NULL THEN 'conflict'
                        ELSE 'move' END AS outcome
                FROM candidate c LEFT JOIN still_listed l ON l.row_number = c.row_number),
            marked AS (
                UPDATE {S} s SET outcome = d.outcome FROM decided d WHERE s.row_number = d.row_number RETURNING s.outcome)
            SELECT count(*) FILTER (WHERE outcome = 'move'), count(*) FILTER (WHERE outcome IN ('conflict', 'moved_away')) FROM marked
            """);
        if (counts[1] > 0)
        {
            await sql.ExecuteAsync($"""
                UPDATE {S} SET
                    reason_code = CASE outcome WHEN 'conflict' THEN 'id_number_conflict' ELSE 'moved_away_still_active' END,
                    reason_text = CASE outcome
                        WHEN 'conflict' THEN 'The ID number belongs to another reader in the registry; check the resident''s ID number at the source.'
                        ELSE 'This resident moved to another community but is still listed as active here; mark them moved out at the source.' END
                WHERE outcome IN ('conflict', 'moved_away')
                """);
        }

        return (counts[0], counts[1]);
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
                WHERE community = $1 AND used_by_run_id IS NULL AND withdrawals_allowed >= $8
                RETURNING id)
            SELECT count(*) FROM used
            """, withdrawals);
        if (approved == 0)
        {
            throw new RosterRefusedException(context.Community, context.IsFullSnapshot, withdrawals, holders, context.MaxWithdrawalShare);
        }
    }

    // A card this run withdrew is the one withdrawn at this run's instant ($3) for a reader of this run: a plain filter of the
    // same join (card_events has no index by card, and a subquery per withdrawn card would scan it once per card).
    private const string HoldersBeforeSql = """
        SELECT count(*) FROM outreach.readers r JOIN outreach.cards c ON c.reader_id = r.id
        WHERE r.community = $1
          AND (c.status = 'active' OR (c.status = 'withdrawn' AND c.updated_at = $3 AND r.last_run_id = $2))
          AND NOT EXISTS (SELECT 1 FROM outreach.reader_moves m WHERE m.reader_id = r.id AND m.run_id = $2)
        """;

    // The valid rows whose resident is new to the community or whose digest differs from the registry's.
    // 'changed_id': the row's ID-number hash differs from its reader's (or the reader has none under the current key).
    // The same pass finds the community's active readers that no row of the roster names (refused rows count as present, as
    // for the withdrawal): only when there are any has a full snapshot anyone to withdraw. Only those few rows are kept.
    private const string MarkChangesSql = $"""
        WITH flagged AS (
            SELECT s.row_number, t.id AS reader_id, CASE WHEN s.row_number IS NULL THEN NULL WHEN t.id IS NULL THEN 'new'
                       WHEN t.id_hash IS DISTINCT FROM s.id_hash THEN 'changed_id' ELSE 'changed' END AS change
            FROM (SELECT row_number, resident_id, reason_code, id_hash, row_hash FROM {S} WHERE resident_id IS NOT NULL) s
            FULL JOIN (SELECT id, resident_id, status, id_hash, row_hash FROM outreach.readers WHERE community = $1) t
                ON t.resident_id = s.resident_id
            WHERE (s.row_number IS NULL AND t.status = 'active')
               OR (s.reason_code IS NULL AND s.row_number IS NOT NULL AND (t.id IS NULL OR t.row_hash IS DISTINCT FROM s.row_hash))),
        marked AS (
            UPDATE {S} s SET change = f.change, reader_id = f.reader_id FROM flagged f WHERE s.row_number = f.row_number
            RETURNING s.change)
        SELECT count(*) FILTER (WHERE change = 'new'), count(*) FILTER (WHERE change <> 'new'),
               count(*) FILTER (WHERE change IN ('new', 'changed_id')),
               (SELECT count(*) FROM flagged WHERE row_number IS NULL)
        FROM marked
        """;

    // A hash the new key made may already be some other reader's (the same ID number under two records): that reader
    // keeps the old hash, and the classification then reports the conflict, rather than the unique index failing the run.
    private const string RehashSql = $"""
        UPDATE outreach.readers h SET id_hash = s.id_hash, id_hash_key = $6
        FROM {S} s
        WHERE s.reason_code IS NULL AND s.id_hash_previous IS NOT NULL AND h.id_hash = s.id_hash_previous AND h.id_hash_key = $7
          AND NOT EXISTS (SELECT 1 FROM outreach.readers y WHERE y.id_hash = s.id_hash)
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

    // A new row: no reader of the community had its resident id when the changes were marked (or the community had none at
    // all), and only a row of its own could have moved one there since. So no anti-join against the registry is needed.
    private static string InsertSql(bool known) => $"""
        INSERT INTO outreach.readers (community, resident_id, id_hash, id_hash_key, id_masked, name, name_masked, phone, phone_hash, phone_hash_key,
            email, address, birth_date, status, wants_card, email_opt_in, source_updated_at, row_hash, created_at, updated_at, last_run_id)
        SELECT $1, resident_id, id_hash, $6, id_masked, name, name_masked, phone, phone_hash, $6,
            email, address, birth_date, status, wants_card, email_opt_in, source_updated_at, row_hash, $3, $3, $2
        FROM {S} s WHERE reason_code IS NULL AND outcome IS NULL AND {(known ? "s.change = 'new'" : "TRUE")}
        """;

    // A reader takes every field of its staged row (t: the reader, s: the row).
    private const string UpdateFromStagingSql = $"""
        UPDATE outreach.readers t SET
            id_hash = s.id_hash, id_hash_key = $6, id_masked = s.id_masked, name = s.name, name_masked = s.name_masked, phone = s.phone,
            phone_hash = s.phone_hash, phone_hash_key = $6, email = s.email,
            address = s.address, birth_date = s.birth_date, status = s.status, wants_card = s.wants_card, email_opt_in = s.email_opt_in,
            source_updated_at = s.source_updated_at, row_hash = s.row_hash, updated_at = $3, last_run_id = $2
        FROM {S} s
        """;

    // Only rows whose digest differs: a reader whose roster row did not change is not touched at all.
    private static string UpdateSql(string delta) => $"""
        {UpdateFromStagingSql}
        WHERE s.reason_code IS NULL AND (s.outcome IS NULL OR s.outcome = 'move') AND {delta}
          AND t.community = $1 AND t.resident_id = s.resident_id AND t.row_hash IS DISTINCT FROM s.row_hash
        """;

    // The rows the marking join found changed, each with the id of its reader (new rows have none).
    private const string UpdateByReaderIdSql = $"""
        {UpdateFromStagingSql}
        WHERE s.reason_code IS NULL AND s.outcome IS NULL AND s.reader_id IS NOT NULL AND s.change IS NOT NULL
          AND t.id = s.reader_id AND t.community = $1 AND t.row_hash IS DISTINCT FROM s.row_hash
        """;

    // A row refused by validation still counts as present. Under ForbidNestedLoopsAsync: a hash anti-join over staging.
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

    // The new readers' serials are drawn once, then the cards and the statuses owed are both written from them: no join back to
    // the registry for the resident ids. (The check character is integer arithmetic on the serial, see migration 0009.)
    private static string CardsIssueSql(string onConflict) => $"""
        WITH fresh AS MATERIALIZED (
            SELECT r.id AS reader_id, r.resident_id, nextval('outreach.card_serial') AS serial
            FROM outreach.readers r
            WHERE r.community = $1 AND r.last_run_id = $2 AND r.status = 'active' AND r.wants_card
              AND NOT EXISTS (SELECT 1 FROM outreach.cards c WHERE c.reader_id = r.id)),
        issued AS (
            INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, issued_community, updated_at)
            SELECT reader_id, outreach.card_number_of(serial), 'active', $4, $1, $3 FROM fresh),
        outbox AS (
            INSERT INTO outreach.card_status_outbox (community, resident_id, card_number, status, issued_on, created_at)
            SELECT $1, resident_id, outreach.card_number_of(serial), 'active', $4, $3 FROM fresh
            {onConflict})
        SELECT count(*) FROM fresh
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
        INSERT INTO outreach.sync_warnings (run_id, community, row_number, resident_id, warning_code)
        SELECT $2, $1, row_number, resident_id, unnest(warnings) FROM {S} WHERE reason_code IS NULL AND warnings IS NOT NULL
        """;
}

/// <summary>
/// The run a staged roster is applied for, with what staging counted (rows read and refused, contact warnings, whether two
/// accepted rows may share a resident id or an ID number), and the hash keys it hashes and matches with.
/// </summary>
public sealed record ApplyContext(string Community, long RunId, DateTimeOffset Now, DateOnly Today, bool IsFullSnapshot, string Source,
    double MaxWithdrawalShare, StagingCounts Staged, HashKeyVerdict.Ready Keys);

/// <summary>
/// Runs the applier's statements with the run's parameters ($1 community, $2 run, $3 now, $4 today, $5 source, $6 the hash key
/// new hashes are made with, $7 the previous key while rotating); extra values follow from $8.
/// </summary>
internal sealed class SqlRunner(NpgsqlConnection connection, ApplyContext context, CancellationToken cancellationToken)
{
    public async Task<long> ExecuteAsync(string sql)
    {
        await using var command = Command(sql, []);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Runs a statement whose joins may only probe an index, one outer row at a time (nested loops, no hash or merge join), in
    /// one round trip with the settings around it: for a few rows against a big indexed table.
    /// </summary>
    public async Task<long> ExecuteOnlyProbingAsync(string sql)
    {
        await using var batch = new NpgsqlBatch(connection) { Timeout = 0 };
        foreach (var setting in (string[])["SET LOCAL enable_nestloop = on", "SET LOCAL enable_hashjoin = off", "SET LOCAL enable_mergejoin = off"])
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(setting));
        }

        var probing = new NpgsqlBatchCommand(sql);
        probing.Parameters.AddRange(Parameters([]));
        batch.BatchCommands.Add(probing);
        foreach (var setting in (string[])["SET LOCAL enable_nestloop = off", "SET LOCAL enable_hashjoin TO DEFAULT", "SET LOCAL enable_mergejoin TO DEFAULT"])
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(setting));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return probing.RecordsAffected;
    }

    /// <summary>The first row's values, as numbers.</summary>
    public async Task<long[]> ScalarsAsync(string sql)
    {
        await using var command = Command(sql, []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var values = new long[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.GetInt64(i);
        }

        return values;
    }

    public async Task<long> ScalarAsync(string sql, params object[] extra)
    {
        await using var command = Command(sql, extra);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private NpgsqlCommand Command(string sql, object[] extra)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddRange(Parameters(extra));
        return command;
    }

    // Typed parameters a statement does not refer to are accepted by PostgreSQL, so every statement gets them all.
    private NpgsqlParameter[] Parameters(object[] extra)
    {
        object[] values = [context.Community, context.RunId, context.Now, context.Today, context.Source];
        NpgsqlParameter[] keys =
        [
            new() { Value = context.Keys.CurrentId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Smallint },
            new() { Value = context.Keys.PreviousId is { } previous ? previous : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Smallint },
        ];
        return [.. values.Select(value => new NpgsqlParameter { Value = value }), .. keys, .. extra.Select(value => new NpgsqlParameter { Value = value })];
    }
}
