using Npgsql;
using Outreach.Integrations.Time;
using Outreach.Worker.Activity;

namespace Outreach.Demo.Database;

/// <summary>What the demo history seeded.</summary>
public sealed record MetricsDemoSummary(ReportMonth From, ReportMonth To, long Activities, long Events, long Orders, long CardsBackdated)
{
    /// <summary>The worker command that computes the seeded months (without mailing anyone).</summary>
    public string ComputeCommand => $"run metrics --from {From} --month {To} --no-mail";
}

/// <summary>
/// A year of plausible history for the demo, so the monthly charts mean something: the programme's events, visits,
/// loans, e-resource sessions and attendance of the registry's card holders with the seasons (the Spring Festival dip,
/// the summer holidays), a service that grows over the year, and delivered book orders. Call it after the first roster
/// sync (it needs card holders), then compute the months (<see cref="MetricsDemoSummary.ComputeCommand"/>).
/// For demo databases only: it moves the cards' issue dates back over the year, as if they had been issued then.
/// Running it again adds nothing (every record has a fixed id).
/// </summary>
public static class MetricsDemoData
{
    public const string Source = "demo";

    // Visits, loans, e-resource sessions and attendance relative to an ordinary month.
    private static readonly decimal[] Season = [0.9m, 0.55m, 1.0m, 1.0m, 1.05m, 0.95m, 1.3m, 1.35m, 1.0m, 0.85m, 1.0m, 0.95m];

    /// <summary>
    /// Fills the twelve months up to <paramref name="lastMonth"/> (default: the month before <paramref name="now"/> in
    /// the library's <paramref name="zone"/>); nothing in the history happens after <paramref name="now"/>.
    /// </summary>
    public static async Task<MetricsDemoSummary> SeedYearAsync(NpgsqlDataSource dataSource, TimeZoneInfo zone, DateTimeOffset now,
        ReportMonth? lastMonth = null, CancellationToken cancellationToken = default)
    {
        var to = lastMonth ?? ReportMonth.Of(now, zone).Previous;
        var from = to.AddMonths(-11);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var cards = await ScalarAsync(connection, "SELECT count(*) FROM outreach.cards", [], cancellationToken);
        if (cards == 0)
        {
            throw new InvalidOperationException("There are no card holders yet: seed the demo history after the first roster sync.");
        }

        // A third of today's holders had their cards before the year began; the others got them month by month.
        var backdated = await ScalarAsync(connection, """
            WITH moved AS (
                UPDATE outreach.cards SET issued_on = CASE WHEN (hashtextextended(card_number, 1) & 9223372036854775807) % 3 = 0
                        THEN $1::date - 30 - ((hashtextextended(card_number, 2) & 9223372036854775807) % 300)::int
                        ELSE $1::date + ((hashtextextended(card_number, 3) & 9223372036854775807) % ($2::date - $1::date))::int END
                WHERE issued_on > $2::date - 60 AND status = 'active'
                RETURNING id)
            SELECT count(*) FROM moved
            """, [from.FirstDay, to.LastDay], cancellationToken);

        long events = 0, activities = 0, orders = 0;
        foreach (var month in Enumerable.Range(0, 12).Select(from.AddMonths))
        {
            var period = month.In(zone);
            var factor = Season[month.Month - 1] * (0.6m + 0.4m * MonthsBetween(from, month) / 11m);
            object[] parameters = [month.ToString(), period.Start, period.End, factor, month.LastDay, month.FirstDay, now.ToUniversalTime()];
            events += await ScalarAsync(connection, EventsSql, parameters, cancellationToken);
            activities += await ScalarAsync(connection, ActivitiesSql, parameters, cancellationToken);
            orders += await ScalarAsync(connection, OrdersSql, parameters, cancellationToken);
            await ActivityMonths.RebuildAsync(dataSource, month, period, TimeSpan.FromMinutes(10), cancellationToken);
        }

        return new MetricsDemoSummary(from, to, activities, events, orders, backdated);
    }

    private static int MonthsBetween(ReportMonth from, ReportMonth to) => (to.Year - from.Year) * 12 + to.Month - from.Month;

    // About 25 events a month: a weekly micro-lecture and reading club for everyone, film salons, heritage days and
    // classes for one community each. ($1 month, $2 start, $3 end.)
    private const string EventsSql = """
        WITH communities AS (SELECT array_agg(DISTINCT community ORDER BY community) AS codes FROM outreach.readers),
        made AS (
            INSERT INTO outreach.events (source, external_id, kind, title, summary, venue, starts_at, ends_at, communities, created_at, updated_at)
            SELECT 'demo', 'demo:' || $1 || ':' || n,
                   (ARRAY['lecture', 'reading_club', 'film_salon', 'heritage', 'lifelong_learning'])[1 + n % 5],
                   (ARRAY['微讲堂', '读书协会', '影评沙龙', '老字号文化日', '终身教育课堂'])[1 + n % 5] || ' ' || $1 || '-' || n,
                   '', '图书馆报告厅',
                   $2 + ((n * 29) % 27) * interval '1 day' + interval '14 hours',
                   $2 + ((n * 29) % 27) * interval '1 day' + interval '16 hours',
                   CASE WHEN n % 5 < 2 THEN '{}'::text[] ELSE ARRAY[c.codes[1 + n % greatest(cardinality(c.codes), 1)]] END,
                   $2, $2
            FROM generate_series(1, 25) AS n, communities c
            WHERE cardinality(c.codes) > 0
            ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO NOTHING
            RETURNING id)
        SELECT count(*) FROM made
        """;

    // Each card holder of the month is active with a chance that follows the season and the service's growth, and
    // then visits, borrows, uses e-resources and comes to an event of their community a few times, in opening hours.
    // ($1 month, $2 start, $3 end, $4 factor, $5 last day.)
    private const string ActivitiesSql = """
        WITH holders AS (
            SELECT r.id AS reader_id, r.community, (hashtextextended(c.card_number || $1, 7) & 9223372036854775807) AS h
            FROM outreach.cards c JOIN outreach.readers r ON r.id = c.reader_id
            WHERE c.issued_on <= $5 AND c.status = 'active'),
        active AS (
            SELECT reader_id, community, h,
                   round((1 + h % 4) * $4)::int AS visits, round((h / 4 % 3) * $4)::int AS loans,
                   round((h / 12 % 4) * $4 * 0.8)::int AS sessions, (h / 48 % 5 = 0)::int AS attendance
            FROM holders WHERE (h / 240 % 100) < 45 * $4),
        records AS (
            SELECT 'demo-gate' AS source, 'visit' AS kind, reader_id, community, h, n FROM active, generate_series(1, visits) AS n
            UNION ALL SELECT 'demo-ils', 'loan', reader_id, community, h, n FROM active, generate_series(1, loans) AS n
            UNION ALL SELECT 'demo-eres', 'eresource', reader_id, community, h, n FROM active, generate_series(1, sessions) AS n
            UNION ALL SELECT 'demo-signin', 'attendance', reader_id, community, h, n FROM active, generate_series(1, attendance) AS n),
        timed AS (
            SELECT source, kind, reader_id, community, n,
                   $2 + ((h / 7 + n * 11) % greatest(extract(day FROM $3 - $2)::int, 1)) * interval '1 day'
                      + interval '8 hours' + ((h / 13 + n * 3607) % 46800) * interval '1 second' AS occurred_at
            FROM records),
        inserted AS (
            INSERT INTO outreach.activities (source, source_id, kind, occurred_at, reader_id, community, event_id, run_id)
            SELECT t.source, $1 || '-' || t.reader_id || '-' || t.kind || '-' || t.n, t.kind, t.occurred_at, t.reader_id, t.community,
                   CASE WHEN t.kind = 'attendance' THEN (
                       SELECT e.id FROM outreach.events e
                       WHERE e.source = 'demo' AND e.starts_at >= $2 AND e.starts_at < $3 AND (cardinality(e.communities) = 0 OR t.community = ANY (e.communities))
                       ORDER BY e.id OFFSET (t.reader_id % 3) LIMIT 1) END,
                   0
            FROM timed t
            ON CONFLICT DO NOTHING
            RETURNING 1)
        SELECT count(*) FROM inserted
        """;

    // A few book requests a month per community, most delivered within one to five weeks; those that would be delivered
    // after the demo's "now" are still on their way. ($6 first day, $7 now.)
    private const string OrdersSql = """
        WITH requesters AS (
            SELECT r.id AS reader_id, c.id AS card_id, c.card_number, r.community,
                   (hashtextextended(c.card_number || $1, 11) & 9223372036854775807) AS h,
                   row_number() OVER (PARTITION BY r.community ORDER BY (hashtextextended(c.card_number || $1, 11) & 9223372036854775807)) AS pick,
                   round((3 + (hashtextextended(r.community || $1, 13) & 7)) * $4) AS wanted
            FROM outreach.cards c JOIN outreach.readers r ON r.id = c.reader_id
            WHERE c.issued_on <= $5 AND c.status = 'active'),
        timed AS (
            SELECT q.*, $2 + (q.h % 20) * interval '1 day' + interval '10 hours' AS requested,
                   $2 + (q.h % 20 + 3 + q.h / 20 % 25) * interval '1 day' + interval '15 hours' AS done
            FROM requesters q WHERE q.pick <= q.wanted),
        made AS (
            INSERT INTO outreach.book_orders (order_ref, reader_id, card_id, card_number, community, isbn13, title, quantity, unit_price, budget_code,
                budget_month, deliver_kind, source, source_name, external_ref, status, created_at, status_changed_at)
            SELECT 'BO-DEMO-' || $1 || '-' || t.reader_id, t.reader_id, t.card_id, t.card_number, t.community,
                   '978702000' || lpad((t.h % 10000)::text, 4, '0'), '荐购图书 ' || (t.h % 10000), 1 + (t.h / 7 % 2), 25 + (t.h / 3 % 60),
                   'SOC-DEMO', $6, 'library_desk', 'staff', 'demo', 'demo:' || $1 || ':' || t.reader_id,
                   CASE WHEN t.h % 11 = 0 THEN 'cancelled' WHEN t.done > $7 THEN 'shipped' ELSE 'delivered' END,
                   t.requested, CASE WHEN t.done > $7 THEN t.requested + interval '2 days' ELSE t.done END
            FROM timed t
            ON CONFLICT DO NOTHING
            RETURNING 1)
        SELECT count(*) FROM made
        """;

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
