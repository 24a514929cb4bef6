using Outreach.Demo.Database;
using Outreach.Integrations.Time;
using Outreach.Testing.Metrics;
using Outreach.Worker.Metrics;

namespace Outreach.Demo.Tests.Database;

public sealed class MetricsDemoDataTests
{
    [Fact]
    public async Task A_year_of_demo_history_gives_twelve_months_of_plausible_figures_and_seeding_again_adds_nothing()
    {
        await using var world = await MetricsWorld.StartAsync("metrics_demo");
        await CardHoldersAsync(world, 300, "GL02", new DateOnly(2026, 11, 5));
        var now = world.Clock.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var seeded = await MetricsDemoData.SeedYearAsync(world.Db, zone, now);
        var again = await MetricsDemoData.SeedYearAsync(world.Db, zone, now);
        await world.RunMetricsAsync(seeded.To.ToString(), seeded.From.ToString(), mail: false);
        var reports = new List<Outreach.Worker.Metrics.Reading.MonthlyReport>();
        foreach (var month in seeded.To.Trailing(12))
        {
            reports.Add(await world.ReportAsync(month.ToString()));
        }

        decimal Of(string month, string indicator) => reports.Single(r => r.Month.ToString() == month).Get("*", indicator).Value ?? 0;
        Assert.Equal((new ReportMonth(2025, 11), new ReportMonth(2026, 10)), (seeded.From, seeded.To));
        Assert.Equal("run metrics --from 2025-11 --month 2026-10 --no-mail", seeded.ComputeCommand);
        Assert.True(seeded.Activities > 1000, $"{seeded.Activities} activity records");
        Assert.Equal((0L, 0L, 0L), (again.Activities, again.Events, again.Orders));
        Assert.All(reports, r => Assert.True(r.Get("*", Indicators.Visits).Value > 0, $"{r.Month} has no visits"));
        Assert.All(reports, r => Assert.True(r.Get("*", Indicators.EventsHeld).Value >= 20, $"{r.Month} has few events"));
        Assert.True(Of("2026-02", Indicators.Visits) < Of("2026-08", Indicators.Visits), "the Spring Festival month is quieter than the summer");
        Assert.True(Of("2025-11", Indicators.CardHolders) < Of("2026-10", Indicators.CardHolders), "card holders grow over the year");
        Assert.True(Of("2026-10", Indicators.OrdersDelivered) > 0);
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.book_orders WHERE status_changed_at > $1 OR created_at > $1", now));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.activities WHERE occurred_at > $1", now));
    }

    /// <summary>
    /// <paramref name="count"/> active readers with cards issued on <paramref name="issuedOn"/>: one in <paramref name="every"/>
    /// in <paramref name="otherCommunity"/>, the others in GL01.
    /// </summary>
    internal static async Task CardHoldersAsync(MetricsWorld world, int count, string otherCommunity, DateOnly issuedOn, int every = 3)
    {
        await world.ExecuteAsync("""
            INSERT INTO outreach.readers (community, resident_id, name, name_masked, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            SELECT CASE WHEN i % $3 = 0 THEN $2 ELSE 'GL01' END, 'R' || i, '居民', '居*', 'active', true, false, '\x01', now(), now()
            FROM generate_series(1, $1) AS i
            """, count, otherCommunity, every);
        await world.ExecuteAsync("""
            INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, issued_community, updated_at)
            SELECT id, 'ZB' || lpad(id::text, 10, '0'), 'active', $1, community, now() FROM outreach.readers
            """, issuedOn);
    }

    [Fact]
    public async Task Demo_history_needs_card_holders()
    {
        await using var world = await MetricsWorld.StartAsync("metrics_demo_empty");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            MetricsDemoData.SeedYearAsync(world.Db, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), world.Clock.GetUtcNow()));

        Assert.Contains("after the first roster sync", refused.Message, StringComparison.Ordinal);
    }
}
