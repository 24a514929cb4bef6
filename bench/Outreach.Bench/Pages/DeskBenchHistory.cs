namespace Outreach.Bench.Pages;

/// <summary>
/// Three years of one reader's history on top of the district data set, for the service desk's record page: a weekly
/// digest copy (156), a month of activity each month (36), an order a month with its notice, consent changes, card
/// withdrawals and reactivations, quarantined roster rows and card statuses pushed back; and event seats: an event every
/// fortnight (78), each with 2,000 readers registered and their notices (156,000 registrations, 312,000 notices), the reader
/// among them at every event, checked in at half, waitlisted, offered or cancelled at some; their mail preferences and an
/// address no longer mailed.
/// </summary>
public static class DeskBenchHistory
{
    public const long Reader = PagesBenchData.SearchedReader;

    public static async Task LoadAsync(BenchDatabase db)
    {
        await db.ExecuteAsync($"""
            INSERT INTO outreach.digests (community, iso_week, window_start, window_end, subject, events, event_count, created_at)
            SELECT r.community, to_char(w.at, 'IYYY-"W"IW'), w.at, w.at + interval '14 days', '本周活动', '[]', 5, w.at
            FROM outreach.readers r,
                 LATERAL (SELECT timestamptz '2023-11-06 09:00+08' + n * interval '7 days' AS at FROM generate_series(0, 155) AS n) AS w
            WHERE r.id = {Reader}
            ON CONFLICT (community, iso_week) DO NOTHING
            """);
        await db.ExecuteAsync($"""
            INSERT INTO outreach.digest_deliveries (digest_id, reader_id, status, address, attempts, claimed_at, claimed_by, sent_at, smtp_reply)
            SELECT g.id, r.id, 'sent', r.email, 1, g.created_at, 'bench:1', g.created_at + interval '5 minutes', '250 OK'
            FROM outreach.readers r JOIN outreach.digests g ON g.community = r.community
            WHERE r.id = {Reader}
            ON CONFLICT (digest_id, reader_id) DO NOTHING
            """);
        await db.ExecuteAsync($"""
            INSERT INTO outreach.activity_months (month, community, reader_id, visits, loans, sessions, attendance, last_run_id)
            SELECT (date '2023-11-01' + m * interval '1 month')::date, r.community, r.id, 3, 2, 1, 1, 1
            FROM outreach.readers r, generate_series(0, 35) AS m WHERE r.id = {Reader}
            ON CONFLICT (month, community, reader_id) DO NOTHING
            """);
        await db.ExecuteAsync($"""
            WITH orders AS (
                INSERT INTO outreach.book_orders (order_ref, reader_id, card_id, card_number, community, isbn13, title, quantity, unit_price,
                    budget_code, budget_month, deliver_kind, source, source_name, status, created_at, status_changed_at)
                SELECT 'BO-DESK-' || lpad(m::text, 6, '0'), r.id, c.id, c.card_number, r.community, '9787020008728', '三国演义', 1, 39.5,
                       'SOC2026', (date '2023-11-01' + m * interval '1 month')::date, 'library_desk', 'staff', 'bench', 'delivered',
                       timestamptz '2023-11-03 10:00+08' + m * interval '1 month', timestamptz '2023-11-20 10:00+08' + m * interval '1 month'
                FROM outreach.readers r JOIN outreach.cards c ON c.reader_id = r.id, generate_series(0, 35) AS m WHERE r.id = {Reader}
                RETURNING id, status_changed_at)
            INSERT INTO outreach.book_order_notices (order_id, kind, created_at, attempts, last_try_at, sent_at)
            SELECT id, 'ready_for_pickup', status_changed_at, 1, status_changed_at, status_changed_at FROM orders
            """);
        await db.ExecuteAsync($"""
            INSERT INTO outreach.mail_consents (reader_id, at, source, community, run_id, subscribed)
            SELECT r.id, timestamptz '2023-11-01 01:30+08' + m * interval '3 months', 'roster', r.community, 1, m % 2 = 0
            FROM outreach.readers r, generate_series(0, 11) AS m WHERE r.id = {Reader}
            """);
        await db.ExecuteAsync($"""
            INSERT INTO outreach.card_events (card_id, community, event, at, run_id)
            SELECT c.id, r.community, CASE WHEN m % 2 = 0 THEN 'withdrawn' ELSE 'reactivated' END,
                   timestamptz '2024-01-01 01:30+08' + m * interval '5 months', 1
            FROM outreach.readers r JOIN outreach.cards c ON c.reader_id = r.id, generate_series(0, 5) AS m WHERE r.id = {Reader}
            """);
        await db.ExecuteAsync($"""
            INSERT INTO outreach.card_status_outbox (community, resident_id, card_number, status, issued_on, created_at, attempts, last_try_at, sent_at)
            SELECT r.community, r.resident_id, c.card_number, CASE WHEN m % 2 = 0 THEN 'withdrawn' ELSE 'active' END, c.issued_on,
                   timestamptz '2024-01-01 01:31+08' + m * interval '5 months', 1, timestamptz '2024-01-01 01:32+08' + m * interval '5 months',
                   timestamptz '2024-01-01 01:32+08' + m * interval '5 months'
            FROM outreach.readers r JOIN outreach.cards c ON c.reader_id = r.id, generate_series(0, 5) AS m WHERE r.id = {Reader}
            """);
        await db.ExecuteAsync($"""
            INSERT INTO outreach.quarantine (run_id, community, source, row_number, resident_id, reason_code, reason_text, raw_masked, created_at)
            SELECT 1, r.community, 'rest', 100 + m, r.resident_id, 'invalid_phone', 'phone is not a mobile number', '…',
                   timestamptz '2024-02-01 01:30+08' + m * interval '6 months'
            FROM outreach.readers r, generate_series(0, 5) AS m WHERE r.id = {Reader}
            """);
        await db.ExecuteAsync("""
            INSERT INTO outreach.events (source, kind, title, venue, starts_at, ends_at, capacity, created_at, updated_at)
            SELECT 'staff', 'lecture', '社区读书会第 ' || n || ' 期', '古林镇图书馆', timestamptz '2023-11-11 14:00+08' + n * interval '14 days',
                   timestamptz '2023-11-11 16:00+08' + n * interval '14 days', 2500, timestamptz '2023-11-01 09:00+08' + n * interval '14 days',
                   timestamptz '2023-11-01 09:00+08' + n * interval '14 days'
            FROM generate_series(0, 77) AS n
            """);
        await db.ExecuteAsync($"""
            WITH events AS (SELECT id, starts_at, row_number() OVER (ORDER BY id) AS n FROM outreach.events WHERE title LIKE '社区读书会%')
            INSERT INTO outreach.seat_registrations (event_id, reader_id, guests, status, channel, queued_at, offer_expires_at, offers, checked_in_at,
                created_at, updated_at)
            SELECT e.id, r.reader_id, (r.reader_id % 3)::int,
                   CASE WHEN r.reader_id <> {Reader} THEN 'registered' WHEN e.n % 13 = 0 THEN 'cancelled' WHEN e.n % 17 = 0 THEN 'expired' ELSE 'registered' END,
                   CASE WHEN e.n % 2 = 0 THEN 'digest' ELSE 'public' END, e.starts_at - interval '7 days', NULL, 0,
                   CASE WHEN e.n % 2 = 0 THEN e.starts_at + interval '5 minutes' END, e.starts_at - interval '7 days', e.starts_at - interval '2 days'
            FROM events e, LATERAL (SELECT {Reader}::bigint AS reader_id UNION ALL
                                 SELECT 1000 + e.n * 2000 + i FROM generate_series(1, 1999) AS i WHERE 1000 + e.n * 2000 + i <> {Reader}) AS r
            """);
        await db.ExecuteAsync("""
            INSERT INTO outreach.seat_notices (registration_id, kind, dedupe, created_at, status, attempts, sent_at)
            SELECT g.id, k.kind, '1', g.created_at + k.after, 'sent', 1, g.created_at + k.after + interval '1 minute'
            FROM outreach.seat_registrations g,
                 LATERAL (VALUES ('confirmed', interval '0 days'), ('reminder', interval '6 days')) AS k(kind, after)
            """);
        await db.ExecuteAsync($"""
            INSERT INTO outreach.mail_preferences (reader_id, unsubscribed_at, kinds, updated_at)
            VALUES ({Reader}, NULL, ARRAY['lecture', 'reading'], timestamptz '2025-03-01 20:00+08')
            ON CONFLICT (reader_id) DO NOTHING
            """);
        await db.ExecuteAsync($"""
            INSERT INTO outreach.mail_suppressions (address, reason, suppressed_at)
            SELECT lower(email), '3 soft bounces', timestamptz '2026-06-01 20:00+08' FROM outreach.readers WHERE id = {Reader}
            ON CONFLICT (address) DO NOTHING
            """);
    }
}
