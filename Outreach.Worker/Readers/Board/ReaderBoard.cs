using System.Globalization;
using System.Text.Json;
using Npgsql;
using Outreach.Integrations.PersonalData;
using Outreach.Worker.Audit;
using Outreach.Worker.Messages;
using Outreach.Worker.Readers.Cards;
using Outreach.Worker.Readers.HashKeys;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Readers.Board;

/// <summary>A reader as staff see them: identity and contacts masked.</summary>
public sealed record ReaderView(long Id, string Community, string ResidentId, string NameMasked, string? IdMasked, string? PhoneMasked,
    string? EmailMasked, string Status, bool WantsCard, bool EmailOptIn, string? CardNumber, string? CardStatus, DateOnly? IssuedOn,
    DateTimeOffset UpdatedAt);

/// <summary>One roster sync run with its counts.</summary>
public sealed record SyncRunView(long Id, string Community, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Status,
    IReadOnlyDictionary<string, long> Counts, int? Progress, StoredMessage? Message, string? HangfireJobId, bool Approved);

/// <summary>A quarantined roster row: reason and masked raw text, open until staff resolve it.</summary>
public sealed record QuarantineView(long Id, long RunId, string Community, string Source, long RowNumber, string? ResidentId,
    string ReasonCode, string ReasonText, string RawMasked, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy);

/// <summary>A card status owed to a community that has not gone through yet.</summary>
public sealed record CardStatusView(string Community, string ResidentId, string CardNumber, string Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? LastTryAt);

/// <summary>One reader's record as staff see it: masked, with the card's history and the reader's orders.</summary>
public sealed record ReaderDetail(ReaderView Reader, bool Erased, IReadOnlyList<CardEventView> CardHistory, IReadOnlyList<ReaderOrderView> Orders);

public sealed record CardEventView(string Event, string Community, DateTimeOffset At);

public sealed record ReaderOrderView(string OrderRef, string Title, string Status, DateTimeOffset CreatedAt);

/// <summary>A contact warning kept for a run: its code (a row written before the codes has only its English text).</summary>
public sealed record SyncWarningView(long RowNumber, string ResidentId, StoredMessage Warning);

/// <summary>A rotation of the ID-number hash key in progress: the two keys' fingerprints and the hashes the old one still made.</summary>
public sealed record HashKeyRotationView(string PreviousFingerprint, string CurrentFingerprint, long? Remaining, DateTimeOffset? CountedAt);

/// <summary>What the staff pages read from the reader registry, and the two things staff change: resolve, approve.</summary>
public sealed class ReaderBoard(NpgsqlDataSource dataSource, PersonalDataHasher hasher, AuditTrail audit, TimeProvider clock)
{
    public const int PageSize = 50;
    private const int SearchLimit = 100;

    /// <summary>
    /// By card number (exact), resident id (exact), ID number or phone (by its hash, under either key while rotating) or name (compared
    /// masked, as staff see it). Each way is one index lookup, so a search costs the same in a registry of any size.
    /// </summary>
    public async Task<IReadOnlyList<ReaderView>> SearchAsync(string term, CancellationToken cancellationToken)
    {
        term = term.Trim();
        if (term.Length == 0)
        {
            return [];
        }

        byte[][] idHashes = IdNumber.TryNormalize(term, out var idNumber)
            ? [hasher.Hash(idNumber), .. hasher.HashWithPreviousKey(idNumber) is { } previous ? [previous] : Array.Empty<byte[]>()]
            : [];
        // A phone as the caller says it (spaces, dashes, +86): matched by its keyed hash, under either key while rotating.
        byte[][] phoneHashes = ContactValidation.TryNormalizeDialledNumber(term, out var mobile)
            ? [hasher.HashPhone(mobile), .. hasher.HashPhoneWithPreviousKey(mobile) is { } previousPhone ? [previousPhone] : Array.Empty<byte[]>()]
            : [];
        // A resident id is unique within its community: the registry's few communities are found by skipping through the
        // (community, resident_id) index, then probed, instead of scanning every reader for the id.
        await using var command = dataSource.CreateCommand($"""
            WITH RECURSIVE communities AS (
                (SELECT community FROM outreach.readers ORDER BY community LIMIT 1)
                UNION ALL
                SELECT (SELECT r.community FROM outreach.readers r WHERE r.community > c.community ORDER BY r.community LIMIT 1)
                FROM communities c WHERE c.community IS NOT NULL),
            hits AS (
                SELECT reader_id AS id FROM outreach.cards WHERE card_number = upper($1)
                UNION SELECT r.id FROM communities c JOIN outreach.readers r ON r.community = c.community AND r.resident_id = $1
                UNION SELECT id FROM outreach.readers WHERE id_hash = ANY($3)
                UNION SELECT id FROM outreach.readers WHERE phone_hash = ANY($4)
                UNION (SELECT id FROM outreach.readers WHERE name_masked = $2 ORDER BY community, resident_id LIMIT {SearchLimit}))
            {ReaderSelect}
            WHERE r.id IN (SELECT id FROM hits)
            ORDER BY r.community, r.resident_id
            LIMIT {SearchLimit}
            """);
        command.Parameters.AddWithValue(term);
        command.Parameters.AddWithValue(Masking.Name(term));
        command.Parameters.AddWithValue(idHashes);
        command.Parameters.AddWithValue(phoneHashes);
        return await ReadReadersAsync(command, cancellationToken);
    }

    /// <summary>The rotation of the ID-number hash key in progress, if any (for the sync page).</summary>
    public async Task<HashKeyRotationView?> HashKeyRotationAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var active = await HashKeyLedger.ActiveAsync(connection, cancellationToken);
        return active.Count < 2
            ? null
            : new HashKeyRotationView(PersonalDataHasher.Show(active[0].Fingerprint), PersonalDataHasher.Show(active[^1].Fingerprint),
                active[0].HashesRemaining, active[0].CountedAt);
    }

    /// <summary>One reader's record, masked; null when there is no such reader.</summary>
    public async Task<ReaderDetail?> DetailAsync(long readerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        ReaderView? view;
        bool erased;
        await using (var command = new NpgsqlCommand($"{ReaderSelect} WHERE r.id = $1", connection))
        {
            command.Parameters.AddWithValue(readerId);
            view = (await ReadReadersAsync(command, cancellationToken)).SingleOrDefault();
        }

        if (view is null)
        {
            return null;
        }

        await using (var command = new NpgsqlCommand("SELECT erased_at IS NOT NULL FROM outreach.readers WHERE id = $1", connection))
        {
            command.Parameters.AddWithValue(readerId);
            erased = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var history = new List<CardEventView>();
        await using (var command = new NpgsqlCommand("""
            SELECT e.event, e.community, e.at FROM outreach.card_events e JOIN outreach.cards c ON c.id = e.card_id WHERE c.reader_id = $1 ORDER BY e.id
            """, connection))
        {
            command.Parameters.AddWithValue(readerId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                history.Add(new CardEventView(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        var orders = new List<ReaderOrderView>();
        await using (var command = new NpgsqlCommand(
            "SELECT order_ref, title, status, created_at FROM outreach.book_orders WHERE reader_id = $1 ORDER BY id DESC LIMIT 200", connection))
        {
            command.Parameters.AddWithValue(readerId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                orders.Add(new ReaderOrderView(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        return new ReaderDetail(view, erased, history, orders);
    }

    public async Task<IReadOnlyList<SyncRunView>> SyncRunsAsync(string? community, int page, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT j.id, j.scope, j.started_at, j.finished_at, j.status, j.counts::text, j.progress, j.message, j.hangfire_job_id,
                   EXISTS (SELECT 1 FROM outreach.sync_approvals a WHERE a.refused_run_id = j.id), j.message_code, j.message_args::text
            FROM outreach.job_runs j
            WHERE j.job = 'sync' AND ($1::text IS NULL OR j.scope = $1)
            ORDER BY j.started_at DESC
            LIMIT $2 OFFSET $3
            """);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)community ?? DBNull.Value);
        command.Parameters.AddWithValue(PageSize);
        command.Parameters.AddWithValue(Paging.Offset(page, PageSize));
        var runs = new List<SyncRunView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new SyncRunView(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), ParseCounts(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                StoredMessage.From(reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(10) ? null : reader.GetString(10),
                    reader.IsDBNull(11) ? null : reader.GetString(11)),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetBoolean(9)));
        }

        return runs;
    }

    public async Task<IReadOnlyList<SyncWarningView>> WarningsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT row_number, resident_id, coalesce(warning, warning_code), warning_code FROM outreach.sync_warnings WHERE run_id = $1 ORDER BY row_number LIMIT 1000");
        command.Parameters.AddWithValue(runId);
        var warnings = new List<SyncWarningView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            warnings.Add(new SyncWarningView(reader.GetInt64(0), reader.GetString(1),
                StoredMessage.From(reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), null)!));
        }

        return warnings;
    }

    public async Task<IReadOnlyList<QuarantineView>> QuarantineAsync(string? community, bool includeResolved, int page, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, run_id, community, source, row_number, resident_id, reason_code, reason_text, raw_masked, created_at, resolved_at, resolved_by
            FROM outreach.quarantine
            WHERE ($1::text IS NULL OR community = $1) AND ($2 OR resolved_at IS NULL)
            ORDER BY created_at DESC, row_number
            LIMIT $3 OFFSET $4
            """);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)community ?? DBNull.Value);
        command.Parameters.AddWithValue(includeResolved);
        command.Parameters.AddWithValue(PageSize);
        command.Parameters.AddWithValue(Paging.Offset(page, PageSize));
        var rows = new List<QuarantineView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new QuarantineView(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return rows;
    }

    /// <summary>Marks a quarantined row resolved (fixed at the source), with its audit entry; false when it was not open.</summary>
    public async Task<bool> ResolveAsync(long quarantineId, AuditActor resolvedBy, CancellationToken cancellationToken) =>
        await audit.ChangeAsync(resolvedBy, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("""
                UPDATE outreach.quarantine SET resolved_at = $2, resolved_by = $3 WHERE id = $1 AND resolved_at IS NULL RETURNING community, reason_code
                """, connection, transaction);
            command.Parameters.AddWithValue(quarantineId);
            command.Parameters.AddWithValue(clock.GetUtcNow());
            command.Parameters.AddWithValue(resolvedBy.Name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : ((string, string)?)null;
        },
        resolved => resolved is var (community, reason)
            ? new AuditEntry(AuditActions.QuarantineResolved, "quarantine:" + quarantineId.ToString(CultureInfo.InvariantCulture),
                new Dictionary<string, string> { ["community"] = community, ["reason"] = reason })
            : null,
        cancellationToken) is not null;

    public async Task<long> OpenQuarantineCountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outreach.quarantine WHERE resolved_at IS NULL");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Card statuses the community has been offered at least once and has not accepted yet.</summary>
    public async Task<long> FailingCardStatusCountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outreach.card_status_outbox WHERE sent_at IS NULL AND attempts > 0");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<CardStatusView>> PendingCardStatusAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT community, resident_id, card_number, status, attempts, last_error, created_at, last_try_at
            FROM outreach.card_status_outbox WHERE sent_at IS NULL
            ORDER BY attempts DESC, created_at LIMIT 500
            """);
        var pending = new List<CardStatusView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // The community's error text is theirs: whatever personal data it carries is masked before staff see it.
            pending.Add(new CardStatusView(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : TextScrubber.Scrub(reader.GetString(5)), reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return pending;
    }

    private const string ReaderSelect = """
        SELECT r.id, r.community, r.resident_id, r.name_masked, r.id_masked, r.phone, r.email, r.status, r.wants_card, r.email_opt_in,
               c.card_number, c.status, c.issued_on, r.updated_at
        FROM outreach.readers r LEFT JOIN outreach.cards c ON c.reader_id = r.id
        """;

    private static async Task<IReadOnlyList<ReaderView>> ReadReadersAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var readers = new List<ReaderView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            readers.Add(new ReaderView(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : Masking.Phone(reader.GetString(5)),
                reader.IsDBNull(6) ? null : Masking.Email(reader.GetString(6)),
                reader.GetString(7), reader.GetBoolean(8), reader.GetBoolean(9),
                reader.IsDBNull(10) ? null : reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetFieldValue<DateOnly>(12), reader.GetFieldValue<DateTimeOffset>(13)));
        }

        return readers;
    }

    private static Dictionary<string, long> ParseCounts(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [];

    /// <summary>True when the text is shaped like a card number (for the search box's hint).</summary>
    public static bool LooksLikeCardNumber(string term) => CardNumber.IsValid(term.Trim().ToUpperInvariant());
}
