using System.Diagnostics;
using Outreach.Bench.Metrics;

namespace Outreach.Bench.Pages;

/// <summary>
/// A district's hub after a year, generated set-based inside PostgreSQL: 1,000,000 readers in 20 communities (Chinese names,
/// 7% of them 王, ID-number hashes, contacts; 900,000 cards, 1% moved, 0.5% withdrawn), 10,000,000 activity records,
/// 1,000,000 digest deliveries (60 digests), 100,000 book orders, a year of runs (200,000, most of them activity intake
/// batches), 50,000 quarantined rows, card statuses sent and owed. Then VACUUM ANALYZE.
/// </summary>
public static class PagesBenchData
{
    public const int Readers = 1_000_000;
    public const long Activities = 10_000_000;
    public const int Orders = 100_000;

    /// <summary>The reader the ID-number search looks for (its hash is set by the benchmark, under the hub's key).</summary>
    public const long SearchedReader = 123_457;

    private const string Community = "'BC' || lpad((i % 20 + 1)::text, 2, '0')";

    public static async Task LoadAsync(BenchDatabase db, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        await db.ExecuteAsync($"""
            INSERT INTO outreach.readers (id, community, resident_id, id_hash, id_masked, name, name_masked, phone, email, address, birth_date,
                status, wants_card, email_opt_in, row_hash, created_at, updated_at, last_run_id)
            OVERRIDING SYSTEM VALUE
            SELECT i, {Community}, {Community} || '-' || lpad(i::text, 7, '0'), sha256(('id' || i)::bytea),
                   '330203********' || lpad((i % 10000)::text, 4, '0'), n.surname || '伟' || n.given, n.surname || '*' || n.given, '138' || lpad(i::text, 8, '0'),
                   'r' || i || '@mail.example.cn', '古林镇古林路' || (i % 300) || '号', date '1940-01-01' + (i % 25000)::int,
                   CASE WHEN i % 50 = 0 THEN 'moved_out' ELSE 'active' END, i % 10 <> 0, i % 3 = 0, sha256(('row' || i)::bytea),
                   timestamptz '2025-12-01 01:30+08', timestamptz '2025-12-01 01:30+08' + (i % 365) * interval '1 day', 1
            FROM generate_series(1, $1) AS i,
                 LATERAL (SELECT CASE WHEN i % 100 < 7 THEN '王'
                                      ELSE (string_to_array('李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤', NULL))[1 + (i * 13) % 99]
                                 END AS surname,
                                 (string_to_array('明芳娜敏静丽强磊军洋勇艳杰娟涛超', NULL))[1 + i % 16] AS given) AS n
            """, Readers);
        await db.ExecuteAsync($"""
            INSERT INTO outreach.cards (id, reader_id, card_number, status, issued_on, issued_community, updated_at)
            OVERRIDING SYSTEM VALUE
            SELECT i, i, outreach.card_number_of(100000 + i), CASE WHEN i % 50 = 0 OR i % 200 = 7 THEN 'withdrawn' ELSE 'active' END,
                   date '2025-12-01' + (i % 300)::int, {Community}, now()
            FROM generate_series(1, $1) AS i WHERE i % 10 <> 0
            """, Readers);
        await db.ExecuteAsync("""
            INSERT INTO outreach.card_events (card_id, community, event, at, run_id)
            SELECT id, issued_community, 'withdrawn', timestamptz '2026-10-01 01:30+08' + (id % 31) * interval '1 day', 1
            FROM outreach.cards WHERE status = 'withdrawn'
            """);
        await db.ExecuteAsync("""
            INSERT INTO outreach.reader_moves (reader_id, from_community, from_resident_id, to_community, to_resident_id, run_id, moved_at)
            SELECT id, community, resident_id, 'BC' || lpad(((id + 1) % 20 + 1)::text, 2, '0'), resident_id, 1, timestamptz '2026-10-15 01:30+08'
            FROM outreach.readers WHERE id % 100 = 3
            """);
        await db.ExecuteAsync("UPDATE outreach.readers SET community = 'BC' || lpad(((id + 1) % 20 + 1)::text, 2, '0') WHERE id % 100 = 3");
        Console.WriteLine($"  loaded {Readers:N0} readers with cards, moves and withdrawals in {timer.Elapsed.TotalSeconds:F1} s");

        timer.Restart();
        await MetricsBenchData.LoadActivitiesAsync(db.DataSource, Readers, Activities, cancellationToken);

        timer.Restart();
        await LoadRunsAsync(db);
        await LoadOrdersAsync(db);
        await LoadDigestsAsync(db);
        Console.WriteLine($"  loaded runs, quarantine, card statuses, {Orders:N0} orders, events and digests in {timer.Elapsed.TotalSeconds:F1} s");

        timer.Restart();
        await db.ExecuteAsync("VACUUM (ANALYZE)");
        Console.WriteLine($"  vacuum analyze in {timer.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task LoadRunsAsync(BenchDatabase db)
    {
        // A year: a nightly sync per community, and activity intake batches every few minutes; 2% failed, a few refused.
        await db.ExecuteAsync("""
            INSERT INTO outreach.job_runs (job, scope, hangfire_job_id, started_at, finished_at, status, counts, progress, message)
            SELECT CASE WHEN i % 27 = 0 THEN 'sync' ELSE 'activity' END,
                   CASE WHEN i % 27 = 0 THEN 'BC' || lpad((i / 27 % 20 + 1)::text, 2, '0') ELSE (ARRAY['gate', 'ils', 'eres', 'signin'])[1 + i % 4] END,
                   (1000000 + i)::text, timestamptz '2025-12-01 00:00+08' + i * interval '157 seconds',
                   timestamptz '2025-12-01 00:00+08' + i * interval '157 seconds' + interval '20 seconds',
                   CASE WHEN i % 50 = 1 THEN 'failed' WHEN i % 27 = 0 AND i % 1000 = 0 THEN 'refused' ELSE 'succeeded' END,
                   CASE WHEN i % 27 = 0 THEN '{"read": 50000, "applied": 500, "unchanged": 49400, "quarantined": 100, "withdrawn": 12, "would_withdraw": 9000}'::jsonb
                        ELSE '{"received": 120, "accepted": 119, "quarantined": 1}'::jsonb END,
                   100, CASE WHEN i % 50 = 1 THEN 'Database error 40P01: deadlock detected' END
            FROM generate_series(1, 200000) AS i
            """);
        await db.ExecuteAsync("""
            INSERT INTO outreach.quarantine (run_id, community, source, row_number, resident_id, reason_code, reason_text, raw_masked, created_at, resolved_at, resolved_by)
            SELECT i, 'BC' || lpad((i % 20 + 1)::text, 2, '0'), 'residents_BC.csv', i, 'BC-' || i, 'invalid_id_number', 'id_number is not a valid resident ID number',
                   'BC-' || i || ',王**,330203********123X', timestamptz '2025-12-01 01:30+08' + (i % 365) * interval '1 day',
                   CASE WHEN i % 10 <> 0 THEN timestamptz '2026-11-30 10:00+08' END, CASE WHEN i % 10 <> 0 THEN 'staff' END
            FROM generate_series(1, 50000) AS i
            """);
        await db.ExecuteAsync("""
            INSERT INTO outreach.sync_warnings (run_id, community, row_number, resident_id, warning)
            SELECT 27 * (i % 7000 + 1), 'BC01', i, 'BC01-' || i, 'phone dropped: not an 11-digit mobile number' FROM generate_series(1, 20000) AS i
            """);
        // Every card's status went back to its community; a few thousand are owed now, some of them failing.
        await db.ExecuteAsync("""
            INSERT INTO outreach.card_status_outbox (community, resident_id, card_number, status, issued_on, created_at, attempts, last_error, last_try_at, sent_at)
            SELECT r.community, r.resident_id, c.card_number, c.status, c.issued_on, now(), CASE WHEN c.id % 1000 = 1 THEN 3 ELSE 1 END,
                   CASE WHEN c.id % 1000 = 1 THEN '503 Service Unavailable' END, now(), CASE WHEN c.id % 200 <> 1 THEN now() END
            FROM outreach.cards c JOIN outreach.readers r ON r.id = c.reader_id
            """);
    }

    private static async Task LoadOrdersAsync(BenchDatabase db)
    {
        // Readers with a card (id % 10 <> 0); over the last half year, most delivered, some open and a few stuck.
        await db.ExecuteAsync("""
            INSERT INTO outreach.book_orders (order_ref, reader_id, card_id, card_number, community, isbn13, title, quantity, unit_price, budget_code,
                budget_month, deliver_kind, source, source_name, status, bookstore_order_id, created_at, status_changed_at)
            SELECT 'BO-2026-' || lpad(i::text, 6, '0'), c.reader_id, c.id, c.card_number, r.community, '9787020002207', '红楼梦 ' || i, 1 + i % 3, 20 + i % 60,
                   CASE WHEN i % 2 = 0 THEN 'SOC-2026' ELSE 'LIB-2026' END, date_trunc('month', o.created_at)::date, 'library_desk', 'api', 'bench',
                   o.status, 'XH-' || i, o.created_at, o.created_at + interval '3 days'
            FROM (SELECT i, ((i * 7919) % 99999) * 10 + 1 + i % 9 AS reader,
                         now() - (i % 180) * interval '1 day' - (i % 1440) * interval '1 minute' AS created_at,
                         (ARRAY['delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'delivered',
                                'delivered', 'delivered', 'shipped', 'sourcing', 'accepted', 'ready_for_pickup', 'cancelled', 'backordered', 'pending', 'failed'])[1 + i % 20] AS status
                  FROM generate_series(1, $1) AS i) AS o
            JOIN outreach.cards c ON c.id = o.reader JOIN outreach.readers r ON r.id = c.reader_id
            """, Orders);
        await db.ExecuteAsync("""
            INSERT INTO outreach.events (source, kind, title, starts_at, ends_at, communities, created_at, updated_at)
            SELECT 'staff', 'lecture', '微讲堂 ' || i, now() + (i % 60 - 20) * interval '1 day', now() + (i % 60 - 20) * interval '1 day' + interval '2 hours',
                   CASE WHEN i % 3 = 0 THEN '{}'::text[] ELSE ARRAY['BC' || lpad((i % 20 + 1)::text, 2, '0')] END, now(), now()
            FROM generate_series(1, 300) AS i
            """);
    }

    private static async Task LoadDigestsAsync(BenchDatabase db)
    {
        // Three weekly digests per community, each to the community's readers who opted in: 1,000,000 deliveries, laid out
        // as the enrolment writes them (one digest's copies in one statement, so together on disk), not interleaved.
        await db.ExecuteAsync("""
            INSERT INTO outreach.job_runs (job, scope, started_at, finished_at, status, progress)
            SELECT 'digest', 'BC' || lpad(c::text, 2, '0') || ' 2026-W' || (45 + w), timestamptz '2026-11-02 09:00+08' + w * interval '7 days',
                   timestamptz '2026-11-02 09:10+08' + w * interval '7 days', 'succeeded', 100
            FROM generate_series(1, 20) AS c, generate_series(0, 2) AS w
            """);
        await db.ExecuteAsync("""
            INSERT INTO outreach.digests (community, iso_week, window_start, window_end, subject, events, event_count, created_at, last_run_id, last_run_at)
            SELECT split_part(j.scope, ' ', 1), split_part(j.scope, ' ', 2), j.started_at, j.started_at + interval '14 days', '本周活动', '[]', 5, j.started_at,
                   j.id, j.finished_at
            FROM outreach.job_runs j WHERE j.job = 'digest'
            """);
        await db.ExecuteAsync("""
            INSERT INTO outreach.digest_deliveries (digest_id, reader_id, status, address, attempts, claimed_at, claimed_by, sent_at, smtp_reply, bounced_at, bounce_kind)
            SELECT g.id, r.id, CASE WHEN r.id % 500 = 1 THEN 'failed' WHEN r.id % 5000 = 2 THEN 'sending' ELSE 'sent' END, r.email, 1,
                   g.created_at, 'bench:1', CASE WHEN r.id % 500 <> 1 AND r.id % 5000 <> 2 THEN g.created_at + interval '5 minutes' END,
                   CASE WHEN r.id % 500 = 1 THEN '550 5.1.1 mailbox unavailable' ELSE '250 OK' END,
                   CASE WHEN r.id % 100 = 5 THEN g.created_at + interval '1 day' END, CASE WHEN r.id % 100 = 5 THEN 'hard' END
            FROM outreach.digests g JOIN outreach.readers r ON r.community = g.community AND r.email_opt_in
            ORDER BY g.id, r.id
            """);
        await db.ExecuteAsync("""
            INSERT INTO outreach.mail_preferences (reader_id, unsubscribed_at, updated_at)
            SELECT id, timestamptz '2026-11-10 10:00+08', timestamptz '2026-11-10 10:00+08' FROM outreach.readers WHERE id % 100 = 9
            """);
    }
}
