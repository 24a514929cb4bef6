using Npgsql;

namespace Outreach.Testing.Desk;

/// <summary>A reader whose history the desk shows: what the sync, the digests, the orders and the activity intake left.</summary>
public sealed record SeededReader(long ReaderId, string CardNumber, string OrderRef, long SyncRunId, string SyncHangfireJobId);

/// <summary>What the desk's other actions and timeline items act on, beside <see cref="SeededReader"/>.</summary>
public sealed record SeededDeskItems(long CardStatusEntry, long FailedDigest, long StuckDigest, long AttendedEvent, long CancelledEvent);

/// <summary>
/// Writes one reader's history the way the hub's jobs leave it (a sync run, a card issued, roster consent, a month of
/// activity, an order ready for pickup whose notice the job gave up on).
/// </summary>
public static class ReaderHistory
{
    public const string NoticeError = "550 5.1.1 mailbox unavailable";

    public static async Task<SeededReader> SeedAsync(NpgsqlDataSource db, string residentId, string email)
    {
        await using var command = db.CreateCommand("""
            WITH run AS (
                INSERT INTO outreach.job_runs (job, scope, hangfire_job_id, started_at, finished_at, status)
                VALUES ('sync', 'GL01', '4242', now() - interval '2 days', now() - interval '2 days', 'succeeded') RETURNING id),
            reader AS (
                INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash,
                                              created_at, updated_at, last_run_id)
                SELECT 'GL01', $1, '邱叶', '邱*', $2, 'active', true, true, '\x00', now() - interval '400 days', now() - interval '2 days', id
                FROM run RETURNING id, last_run_id),
            card AS (
                INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, updated_at)
                SELECT id, outreach.next_card_number(), 'active', current_date - 400, now() FROM reader RETURNING id, reader_id, card_number),
            reactivated AS (
                INSERT INTO outreach.card_events (card_id, community, event, at, run_id)
                SELECT card.id, 'GL01', 'reactivated', now() - interval '200 days', reader.last_run_id FROM card JOIN reader ON reader.id = card.reader_id),
            consent AS (
                INSERT INTO outreach.mail_consents (reader_id, at, source, community, run_id, subscribed)
                SELECT id, now() - interval '400 days', 'roster', 'GL01', last_run_id, true FROM reader),
            activity AS (
                INSERT INTO outreach.activity_months (month, community, reader_id, visits, loans, sessions, attendance, last_run_id)
                SELECT date '2026-10-01', 'GL01', id, 3, 2, 0, 1, last_run_id FROM reader),
            book AS (
                INSERT INTO outreach.book_orders (order_ref, reader_id, card_id, card_number, community, isbn13, title, quantity, unit_price,
                    budget_code, budget_month, deliver_kind, source, source_name, status, created_at, status_changed_at)
                SELECT 'BO-2026-' || lpad(nextval('outreach.book_order_serial')::text, 6, '0'), card.reader_id, card.id, card.card_number, 'GL01',
                       '9787020008728', '三国演义', 1, 39.5, 'SOC2026', date '2026-11-01', 'library_desk', 'staff', 'desk', 'ready_for_pickup',
                       now() - interval '3 days', now() - interval '1 day'
                FROM card RETURNING id, order_ref),
            notice AS (
                INSERT INTO outreach.book_order_notices (order_id, kind, created_at, attempts, last_error, last_try_at, given_up_at)
                SELECT id, 'ready_for_pickup', now() - interval '1 day', 3, $3, now() - interval '1 day', now() - interval '1 day' FROM book)
            SELECT reader.id, card.card_number, book.order_ref, reader.last_run_id FROM reader, card, book
            """);
        command.Parameters.AddWithValue(residentId);
        command.Parameters.AddWithValue(email);
        command.Parameters.AddWithValue(NoticeError);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new SeededReader(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), "4242");
    }

    /// <summary>
    /// More of the reader's history: a move from GL02, the card status the community accepted, a digest copy that failed on the reader's
    /// address and one a crash left 'sending', their mail preferences, an event attended and one whose registration was cancelled.
    /// The digests are the resident's own (a community named after them), so that readers seeded for other tests do not meet.
    /// </summary>
    public static async Task<SeededDeskItems> SeedDeskItemsAsync(NpgsqlDataSource db, SeededReader seeded, string residentId)
    {
        await using var command = db.CreateCommand("""
            WITH r AS (SELECT r.id, r.community, r.resident_id, r.email, r.last_run_id, c.card_number, c.issued_on
                       FROM outreach.readers r JOIN outreach.cards c ON c.reader_id = r.id WHERE r.id = $1),
            moved AS (
                INSERT INTO outreach.reader_moves (reader_id, from_community, from_resident_id, to_community, to_resident_id, run_id, moved_at)
                SELECT id, 'GL02', resident_id, community, resident_id, last_run_id, now() - interval '300 days' FROM r),
            entry AS (
                INSERT INTO outreach.card_status_outbox (community, resident_id, card_number, status, issued_on, created_at, attempts, last_try_at, sent_at)
                SELECT community, resident_id, card_number, 'active', issued_on, now() - interval '10 days', 1, now() - interval '10 days',
                       now() - interval '10 days' FROM r RETURNING id),
            digests AS (
                INSERT INTO outreach.digests (community, iso_week, window_start, window_end, subject, events, event_count, created_at)
                SELECT $2, w, now() - interval '20 days', now(), '本周活动', '[]', 1, now() - interval '20 days' + CASE WHEN w = '2026-W44' THEN interval '7 days' ELSE interval '0 days' END
                FROM unnest(ARRAY['2026-W43', '2026-W44']) AS w RETURNING id, iso_week),
            deliveries AS (
                INSERT INTO outreach.digest_deliveries (digest_id, reader_id, status, address, attempts, claimed_at, claimed_by, smtp_reply)
                SELECT d.id, r.id, CASE d.iso_week WHEN '2026-W43' THEN 'failed' ELSE 'sending' END, r.email, 1, now() - interval '1 day', 'test:1',
                       CASE d.iso_week WHEN '2026-W43' THEN '552 mailbox full' END
                FROM digests d, r),
            preferences AS (
                INSERT INTO outreach.mail_preferences (reader_id, kinds, updated_at) SELECT id, ARRAY['lecture'], now() - interval '30 days' FROM r),
            events AS (
                INSERT INTO outreach.events (source, kind, title, venue, starts_at, ends_at, capacity, created_at, updated_at)
                SELECT 'staff', 'lecture', t, '古林镇图书馆', now() - interval '5 days', now() - interval '5 days' + interval '2 hours', 30,
                       now() - interval '40 days', now() - interval '40 days'
                FROM unnest(ARRAY['读书会（' || $2 || '）', '讲座（' || $2 || '）']) AS t RETURNING id, title),
            registrations AS (
                INSERT INTO outreach.seat_registrations (event_id, reader_id, guests, status, channel, queued_at, checked_in_at, created_at, updated_at)
                SELECT e.id, r.id, 1, CASE WHEN e.title LIKE '读书会%' THEN 'registered' ELSE 'cancelled' END, 'digest', now() - interval '20 days',
                       CASE WHEN e.title LIKE '读书会%' THEN now() - interval '5 days' END, now() - interval '20 days', now() - interval '8 days'
                FROM events e, r RETURNING id, status),
            notices AS (
                INSERT INTO outreach.seat_notices (registration_id, kind, dedupe, created_at, status, attempts, sent_at)
                SELECT id, CASE status WHEN 'registered' THEN 'confirmed' ELSE 'cancelled' END, '1', now() - interval '8 days', 'sent', 1,
                       now() - interval '8 days' FROM registrations)
            SELECT (SELECT id FROM entry), (SELECT id FROM digests WHERE iso_week = '2026-W43'), (SELECT id FROM digests WHERE iso_week = '2026-W44'),
                   (SELECT id FROM events WHERE title LIKE '读书会%'), (SELECT id FROM events WHERE title LIKE '讲座%')
            """);
        command.Parameters.AddWithValue(seeded.ReaderId);
        command.Parameters.AddWithValue(residentId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new SeededDeskItems(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }
}
