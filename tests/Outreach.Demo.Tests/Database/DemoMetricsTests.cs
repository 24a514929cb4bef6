using Outreach.Demo.Database;
using Outreach.Testing.Metrics;
using Outreach.Worker.Metrics;

namespace Outreach.Demo.Tests.Database;

public sealed class DemoMetricsTests
{
    [Fact]
    public async Task The_history_waits_for_every_communitys_first_sync_so_that_each_has_card_holders_all_year()
    {
        await using var world = await MetricsWorld.StartAsync("demo_metrics_wait");
        var metrics = new DemoMetrics(world.Db, world.Clock);
        string[] communities = ["GL01", "GL02"];
        await world.ExecuteAsync("""
            INSERT INTO outreach.job_runs (job, scope, started_at, finished_at, status, message)
            VALUES ('sync', 'GL02', now() - interval '30 days', now() - interval '30 days', 'succeeded', '[demo history] nightly roster sync'),
                   ('sync', 'GL01', now(), now(), 'succeeded', 'Full snapshot from GL01'),
                   ('sync', 'GL02', now(), NULL, 'running', NULL)
            """);

        var whileGl02Runs = await metrics.FirstSyncsEndedAsync(communities, CancellationToken.None);
        await world.ExecuteAsync("UPDATE outreach.job_runs SET status = 'succeeded', finished_at = now() WHERE status = 'running'");
        var afterEverySync = await metrics.FirstSyncsEndedAsync(communities, CancellationToken.None);
        await MetricsDemoDataTests.CardHoldersAsync(world, 200, "GL02", new DateOnly(2026, 11, 9), every: 2);
        var compute = await metrics.SeedAsync(communities, TimeSpan.Zero, CancellationToken.None);
        var from = compute!.Split(' ')[3];
        var to = compute.Split(' ')[5];
        await world.RunMetricsAsync(to, from, mail: false);

        Assert.False(whileGl02Runs);
        Assert.True(afterEverySync);
        Assert.Equal("run metrics --from 2025-11 --month 2026-10 --no-mail", compute);
        var report = await world.ReportAsync(from);
        foreach (var community in communities)
        {
            Assert.True(report.Get(community, Indicators.CardHolders).Value > 0, $"{community} has no card holders in {from}");
        }
    }
}
