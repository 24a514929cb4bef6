using System.Globalization;
using Npgsql;
using Outreach.Integrations.Time;
using Outreach.Worker.Audit;

namespace Outreach.Worker.Privacy;

/// <summary>Why a reader was erased.</summary>
public static class ErasureReasons
{
    /// <summary>The resident asked (PIPL art. 47).</summary>
    public const string Request = "request";

    /// <summary>The retention period after the card was withdrawn ran out.</summary>
    public const string Retention = "retention";
}

/// <summary>What an erasure did, for the resident: the receipt.</summary>
public sealed record ErasureReceipt(string Receipt, long ReaderId, string Reason, string RequestedBy, DateTimeOffset ErasedAt, string? CardNumber,
    DateOnly? CardWithdrawnOn, IReadOnlyList<string> Erased);

/// <summary>
/// Erases readers' personal fields, set-based, inside the caller's transaction, and leaves each a pseudonymous row:
/// its id, community, status and card stay (orders, activity, card history and every past month's figures refer to
/// them and recompute to the same values); name, ID number hash and mask, phone, email, address, birth date, the
/// community's resident id, the addresses digests and notices went to and the raw text of its quarantined rows go.
/// A card still active is withdrawn (the community is told), and consent to mail ends with a line in the consent record.
/// </summary>
public sealed class Erasure(LibraryCalendar calendar)
{
    /// <summary>The codes the receipt lists: what was emptied or scrubbed.</summary>
    public static IReadOnlyList<string> ErasedFields { get; } =
    [
        "name", "id_number_hash", "id_number_mask", "phone", "email", "address", "birth_date", "resident_id", "mail_consent",
        "digest_addresses", "relay_replies", "bounce_addresses", "notice_errors", "quarantine_rows", "sync_warnings", "moves",
    ];

    /// <summary>The pseudonym that takes the place of a resident id (unique, and never a community's).</summary>
    public static string Pseudonym(long readerId) => "erased-" + readerId.ToString(CultureInfo.InvariantCulture);

    /// <returns>A receipt for each reader erased now (those already erased are left out).</returns>
    public async Task<IReadOnlyList<ErasureReceipt>> EraseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<long> readerIds,
        string reason, AuditActor requestedBy, CancellationToken cancellationToken)
    {
        var now = calendar.Now;
        var today = calendar.Today;
        var batch = new NpgsqlBatch(connection, transaction);
        try
        {
            // 1. The readers to erase, locked, with what identifies them elsewhere, into a temporary table for the statements below.
            batch.BatchCommands.Add(Command("""
                CREATE TEMP TABLE erasing ON COMMIT DROP AS
                SELECT r.id, r.community, r.resident_id, r.email, c.id AS card_id, c.card_number, c.status AS card_status, c.withdrawn_on, c.issued_on
                FROM outreach.readers r LEFT JOIN outreach.cards c ON c.reader_id = r.id
                WHERE r.id = ANY($1) AND r.erased_at IS NULL
                ORDER BY r.id
                FOR UPDATE OF r
                """, readerIds.ToArray()));
            // 2. Everywhere the community's resident id identifies them: their quarantined rows and warnings, in every community they lived in.
            batch.BatchCommands.Add(Command("""
                WITH keys AS (
                    SELECT id, community, resident_id FROM erasing
                    UNION SELECT e.id, m.from_community, m.from_resident_id FROM erasing e JOIN outreach.reader_moves m ON m.reader_id = e.id
                    UNION SELECT e.id, m.to_community, m.to_resident_id FROM erasing e JOIN outreach.reader_moves m ON m.reader_id = e.id)
                UPDATE outreach.quarantine q SET raw_masked = '', resident_id = 'erased-' || k.id
                FROM keys k WHERE q.community = k.community AND q.resident_id = k.resident_id
                """));
            batch.BatchCommands.Add(Command("""
                UPDATE outreach.sync_warnings w SET resident_id = 'erased-' || e.id
                FROM erasing e WHERE w.community = e.community AND w.resident_id = e.resident_id
                """));
            batch.BatchCommands.Add(Command("""
                UPDATE outreach.reader_moves m SET from_resident_id = 'erased-' || m.reader_id, to_resident_id = 'erased-' || m.reader_id
                FROM erasing e WHERE m.reader_id = e.id
                """));
            // 3. Addresses and replies that carried them; the rows stay, so the digest and bounce figures stay.
            batch.BatchCommands.Add(Command("""
                UPDATE outreach.digest_deliveries d SET address = NULL, smtp_reply = NULL FROM erasing e WHERE d.reader_id = e.id
                """));
            batch.BatchCommands.Add(Command("""
                UPDATE outreach.mail_bounces b SET address = '', diagnostic = NULL FROM erasing e WHERE b.reader_id = e.id
                """));
            batch.BatchCommands.Add(Command("""
                DELETE FROM outreach.mail_suppressions s USING erasing e
                WHERE s.address = e.email AND NOT EXISTS (SELECT 1 FROM outreach.readers o WHERE o.email = s.address AND o.id <> e.id)
                """));
            batch.BatchCommands.Add(Command("""
                UPDATE outreach.book_order_notices n SET last_error = NULL, last_error_code = NULL, last_error_args = NULL
                FROM outreach.book_orders o JOIN erasing e ON e.id = o.reader_id
                WHERE n.order_id = o.id AND (n.last_error IS NOT NULL OR n.last_error_code IS NOT NULL)
                """));
            // 4. A card still in use is withdrawn now, as a roster withdrawal would (the community is owed the status).
            batch.BatchCommands.Add(Command("""
                WITH withdrawn AS (
                    UPDATE outreach.cards c SET status = 'withdrawn', withdrawn_on = $2, updated_at = $1
                    FROM erasing e WHERE c.id = e.card_id AND c.status <> 'withdrawn'
                    RETURNING c.id, e.community, e.resident_id, c.card_number, c.issued_on),
                events AS (
                    INSERT INTO outreach.card_events (card_id, community, event, at) SELECT id, community, 'withdrawn', $1 FROM withdrawn)
                INSERT INTO outreach.card_status_outbox (community, resident_id, card_number, status, issued_on, created_at)
                SELECT community, resident_id, card_number, 'withdrawn', issued_on, $1 FROM withdrawn
                ON CONFLICT (community, resident_id) WHERE sent_at IS NULL DO UPDATE SET
                    card_number = EXCLUDED.card_number, status = EXCLUDED.status, issued_on = EXCLUDED.issued_on,
                    created_at = EXCLUDED.created_at, attempts = 0, last_error = NULL, last_try_at = NULL
                """, now, today));
            // 5. Consent to mail ends, on the record.
            batch.BatchCommands.Add(Command("""
                INSERT INTO outreach.mail_consents (reader_id, at, source, subscribed)
                SELECT e.id, $1, 'erasure', false FROM erasing e JOIN outreach.readers r ON r.id = e.id WHERE r.email_opt_in
                   OR EXISTS (SELECT 1 FROM outreach.mail_preferences p WHERE p.reader_id = e.id AND p.unsubscribed_at IS NULL)
                """, now));
            // 6. The reader row itself keeps only what is not personal.
            batch.BatchCommands.Add(Command("""
                UPDATE outreach.readers r SET resident_id = 'erased-' || r.id, id_hash = NULL, id_masked = NULL, name = '', name_masked = '—',
                    phone = NULL, phone_hash = NULL, phone_hash_key = NULL, email = NULL, address = NULL, birth_date = NULL, email_opt_in = false, source_updated_at = NULL,
                    row_hash = '\x00'::bytea, status = CASE WHEN r.status = 'active' THEN 'withdrawn' ELSE r.status END,
                    erased_at = $1, updated_at = $1
                FROM erasing e WHERE r.id = e.id
                """, now));
            // 7. The receipts.
            batch.BatchCommands.Add(Command("""
                INSERT INTO outreach.erasures (receipt, reader_id, reason, requested_by, erased_at, card_number, card_withdrawn_on, erased)
                SELECT 'E-' || extract(year FROM $1 AT TIME ZONE 'UTC')::int || '-' || lpad(nextval('outreach.erasure_serial')::text, 6, '0'),
                       e.id, $2, $3, $1, e.card_number, coalesce(e.withdrawn_on, CASE WHEN e.card_id IS NOT NULL THEN $4::date END), $5
                FROM erasing e ORDER BY e.id
                RETURNING receipt, reader_id, card_number, card_withdrawn_on
                """, now, reason, requestedBy.Name, today, ErasedFields.ToArray()));

            var receipts = new List<ErasureReceipt>();
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                do
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        receipts.Add(new ErasureReceipt(reader.GetString(0), reader.GetInt64(1), reason, requestedBy.Name, now,
                            reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), ErasedFields));
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }

            await using (var drop = new NpgsqlCommand("DROP TABLE erasing", connection, transaction))
            {
                await drop.ExecuteNonQueryAsync(cancellationToken);
            }

            return receipts;
        }
        finally
        {
            await batch.DisposeAsync();
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
