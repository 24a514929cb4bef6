using Npgsql;

namespace Outreach.Testing.Desk;

/// <summary>A reader whose history the desk shows: what the sync, the digests, the orders and the activity intake left.</summary>
public sealed record SeededReader(long ReaderId, string CardNumber, string OrderRef, long SyncRunId, string SyncHangfireJobId);

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
}
