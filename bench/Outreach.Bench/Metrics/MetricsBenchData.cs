using System.Diagnostics;
using Npgsql;

namespace Outreach.Bench.Metrics;

/// <summary>
/// A district's month, generated inside PostgreSQL: readers with cards in 20 communities (1% moved during the month,
/// 0.5% of cards withdrawn), ten activity records per reader in October 2026 spread over the month in time order,
/// events (with seats and registrations), book orders and digest deliveries. Then VACUUM ANALYZE, so every scan that follows reads settled pages.
/// </summary>
public static class MetricsBenchData
{
    public const int Communities = 20;

    public static string Community(int index) => $"BC{index:00}";

    public static async Task LoadAsync(NpgsqlDataSource dataSource, int readers, long activities, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        await ExecuteAsync(dataSource, """
            INSERT INTO outreach.readers (id, community, resident_id, name, name_masked, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            OVERRIDING SYSTEM VALUE
            SELECT i, 'BC' || lpad((i % 20 + 1)::text, 2, '0'), 'R' || i, 'bench', 'b*', 'active', true, false, '\x01', now(), now()
            FROM generate_series(1, $1) AS i;
            INSERT INTO outreach.cards (id, reader_id, card_number, status, issued_on, issued_community, updated_at)
            OVERRIDING SYSTEM VALUE
            SELECT i, i, 'ZB' || lpad(i::text, 10, '0'), 'active', date '2025-01-01' + (i % 670), 'BC' || lpad((i % 20 + 1)::text, 2, '0'), now()
            FROM generate_series(1, $1) AS i;
            -- 0.5% of cards withdrawn during October.
            UPDATE outreach.cards SET status = 'withdrawn', withdrawn_on = date '2026-10-01' + (id % 31)::int WHERE id % 200 = 7;
            INSERT INTO outreach.card_events (card_id, community, event, at, run_id)
            SELECT id, issued_community, 'withdrawn', timestamptz '2026-10-01 01:30+08' + (id % 31) * interval '1 day', 1
            FROM outreach.cards WHERE id % 200 = 7;
            -- 1% of readers moved to the next community in the middle of October.
            INSERT INTO outreach.reader_moves (reader_id, from_community, from_resident_id, to_community, to_resident_id, run_id, moved_at)
            SELECT id, community, resident_id, 'BC' || lpad(((id + 1) % 20 + 1)::text, 2, '0'), resident_id, 1, timestamptz '2026-10-15 01:30+08'
            FROM outreach.readers WHERE id % 100 = 3;
            UPDATE outreach.readers SET community = 'BC' || lpad(((id + 1) % 20 + 1)::text, 2, '0') WHERE id % 100 = 3;
            """, [readers], cancellationToken);
        await ExecuteAsync(dataSource, """
            INSERT INTO outreach.events (id, source, kind, title, starts_at, ends_at, communities, created_at, updated_at)
            OVERRIDING SYSTEM VALUE
            SELECT i, 'bench', 'lecture', 'Event ' || i, timestamptz '2026-10-01 14:00+08' + (i % 31) * interval '1 day',
                   timestamptz '2026-10-01 16:00+08' + (i % 31) * interval '1 day',
                   CASE WHEN i % 3 = 0 THEN '{}'::text[] ELSE ARRAY['BC' || lpad((i % 20 + 1)::text, 2, '0')] END, now(), now()
            FROM generate_series(1, 300) AS i;
            -- Every other event has seats; 5% of readers asked for one (guests, the waitlist, cancellations, no-shows among them).
            UPDATE outreach.events SET capacity = greatest($1 / 1000, 10) WHERE id % 2 = 0;
            INSERT INTO outreach.seat_registrations (event_id, reader_id, guests, status, channel, queued_at, checked_in_at, created_at, updated_at)
            SELECT (r % 150 + 1) * 2, r, r % 2, CASE WHEN r % 7 = 0 THEN 'waiting' WHEN r % 11 = 0 THEN 'cancelled' ELSE 'registered' END,
                   'digest', now(), CASE WHEN r % 4 <> 0 THEN now() END, now(), now()
            FROM generate_series(1, $1, 20) AS r;
            INSERT INTO outreach.seat_notices (registration_id, kind, dedupe, created_at)
            SELECT id, 'waiting', '1', now() FROM outreach.seat_registrations WHERE status = 'waiting' OR id % 5 = 0;
            INSERT INTO outreach.book_orders (order_ref, reader_id, card_id, card_number, community, isbn13, title, quantity, unit_price, budget_code,
                budget_month, deliver_kind, source, source_name, status, created_at, status_changed_at)
            SELECT 'BO-BENCH-' || i, r, r, 'ZB' || lpad(r::text, 10, '0'), 'BC' || lpad((r % 20 + 1)::text, 2, '0'), '9787020002207', 'Book ' || i,
                   1 + i % 3, 20 + i % 60, CASE WHEN i % 2 = 0 THEN 'SOC-2026' ELSE 'LIB-2026' END, date '2026-10-01', 'library_desk', 'staff', 'bench',
                   CASE WHEN i % 10 < 7 THEN 'delivered' WHEN i % 10 = 7 THEN 'cancelled' ELSE 'shipped' END,
                   timestamptz '2026-09-20 10:00+08' + (i % 40) * interval '1 day',
                   timestamptz '2026-09-20 10:00+08' + (i % 40 + 3 + i % 9) * interval '1 day'
            FROM (SELECT i, (i * 7919) % $1 + 1 AS r FROM generate_series(1, greatest($1 / 100, 10)) AS i) AS o;
            INSERT INTO outreach.digests (id, community, iso_week, window_start, window_end, subject, events, event_count, created_at)
            OVERRIDING SYSTEM VALUE
            SELECT c * 10 + w, 'BC' || lpad(c::text, 2, '0'), '2026-W' || (40 + w), timestamptz '2026-10-02' + w * interval '7 days',
                   timestamptz '2026-10-16' + w * interval '7 days', 'Digest', '[]', 0, timestamptz '2026-10-02 09:00+08' + w * interval '7 days'
            FROM generate_series(1, 20) AS c, generate_series(0, 3) AS w;
            INSERT INTO outreach.digest_deliveries (digest_id, reader_id, status, claimed_at, sent_at, bounced_at, bounce_kind)
            SELECT (r % 20 + 1) * 10 + w, r, 'sent', timestamptz '2026-10-02 09:00+08' + w * interval '7 days',
                   timestamptz '2026-10-02 09:01+08' + w * interval '7 days',
                   CASE WHEN r % 50 = 0 THEN timestamptz '2026-10-03 09:00+08' + w * interval '7 days' END, CASE WHEN r % 50 = 0 THEN 'hard' END
            FROM generate_series(1, $1, 9) AS r, generate_series(0, 3) AS w;
            """, [readers], cancellationToken);
        Console.WriteLine($"  loaded {readers:N0} readers with cards, moves, withdrawals, events, orders and digests in {timer.Elapsed.TotalSeconds:F1} s");

        await LoadActivitiesAsync(dataSource, readers, activities, cancellationToken);
        timer.Restart();
        await ExecuteAsync(dataSource, "VACUUM (ANALYZE)", [], cancellationToken);
        Console.WriteLine($"  vacuum analyze in {timer.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// Ten records per reader (readers 1 to <paramref name="readers"/>, in 20 communities) through October 2026, in time order
    /// like the live intake, ids ascending so that the primary key grows at its right edge.
    /// </summary>
    public static async Task LoadActivitiesAsync(NpgsqlDataSource dataSource, int readers, long activities, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        await ExecuteAsync(dataSource, """
            INSERT INTO outreach.activities (source, source_id, kind, occurred_at, reader_id, community, event_id, run_id)
            SELECT CASE g % 20 WHEN 0 THEN 'signin' WHEN 1 THEN 'eres' WHEN 2 THEN 'eres' WHEN 3 THEN 'eres' ELSE CASE WHEN g % 20 < 10 THEN 'ils' ELSE 'gate' END END,
                   lpad(g::text, 10, '0'),
                   CASE g % 20 WHEN 0 THEN 'attendance' WHEN 1 THEN 'eresource' WHEN 2 THEN 'eresource' WHEN 3 THEN 'eresource'
                        ELSE CASE WHEN g % 20 < 10 THEN 'loan' ELSE 'visit' END END,
                   timestamptz '2026-10-01 00:00+08' + (g - 1) * (interval '31 days' / $2),
                   r, 'BC' || lpad((r % 20 + 1)::text, 2, '0'), NULL, 1
            FROM (SELECT g, (g * 7919) % $1 + 1 AS r FROM generate_series(1::bigint, $2) AS g) AS a
            """, [readers, activities], cancellationToken);
        Console.WriteLine($"  loaded {activities:N0} activity records of October 2026 in {timer.Elapsed.TotalSeconds:F1} s");
    }

    // One statement at a time: positional parameters ($1) go with a single statement per command.
    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 0 };
            foreach (var parameter in parameters.Take(Parameters(statement)))
            {
                command.Parameters.AddWithValue(parameter);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static int Parameters(string statement) => statement.Contains("$2", StringComparison.Ordinal) ? 2 : statement.Contains("$1", StringComparison.Ordinal) ? 1 : 0;
}
