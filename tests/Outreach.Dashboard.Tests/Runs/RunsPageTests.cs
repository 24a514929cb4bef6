using System.Text.RegularExpressions;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Runs;

/// <summary>A dashboard whose run log holds a failed sync, a refused sync, a running digest and 60 housekeeping runs.</summary>
public sealed class RunsFixture : DashboardFixture
{
    public const int HousekeepingRuns = 60;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync("""
            INSERT INTO outreach.job_runs (job, scope, hangfire_job_id, started_at, finished_at, status, counts, progress, message)
            VALUES ('roster-sync', 'GL01', '42', now() - interval '10 minutes', now() - interval '10 minutes' + interval '95 seconds', 'failed',
                    '{"read": 120, "quarantined": 3}', 40, '<script>alert(1)</script> the roster was refused'),
                   ('roster-sync', 'GL02', '43', now() - interval '20 minutes', now() - interval '19 minutes', 'refused',
                    '{"read": 80}', 100, 'Snapshot would withdraw a third of the community'),
                   ('digest', 'all', NULL, now() - interval '1 minute', NULL, 'running', '{}', 25, NULL)
            """);
        await ExecuteAsync("""
            INSERT INTO outreach.job_runs (job, scope, started_at, finished_at, status, counts, progress)
            SELECT 'housekeeping', 'all', now() - make_interval(hours => g), now() - make_interval(hours => g) + interval '2 seconds',
                   'succeeded', jsonb_build_object('schedule_slots_deleted', g), 100
            FROM generate_series(1, 60) AS g
            """);
    }
}

public sealed class RunsPageTests(RunsFixture fixture) : IClassFixture<RunsFixture>
{
    [Fact]
    public async Task Runs_are_listed_newest_first_with_counts_duration_progress_and_hangfire_link()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync("/runs?job=roster-sync");

        var rows = Rows(page);
        Assert.Equal(2, rows.Count);
        Assert.Contains("GL01", rows[0], StringComparison.Ordinal);
        Assert.Contains("GL02", rows[1], StringComparison.Ordinal);
        // One job shown: each count is a column of its own, under its name.
        Assert.Contains("<th class=\"number\">read</th>", page, StringComparison.Ordinal);
        Assert.Contains("<th class=\"number\">quarantined</th>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"number\">120</td>", rows[0], StringComparison.Ordinal);
        Assert.Contains("<td class=\"number\">3</td>", rows[0], StringComparison.Ordinal);
        Assert.Contains("1 min 35 s", rows[0], StringComparison.Ordinal);
        Assert.Contains("40%", rows[0], StringComparison.Ordinal);
        Assert.Contains("href=\"/hangfire/jobs/details/42\"", rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_are_filtered_by_job_and_status()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var refused = Rows(await viewer.PageAsync("/runs?job=roster-sync&status=refused"));
        var running = Rows(await viewer.PageAsync("/runs?status=running"));

        Assert.Contains("GL02", Assert.Single(refused), StringComparison.Ordinal);
        Assert.Contains("digest", Assert.Single(running), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_are_paged_fifty_at_a_time()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var first = await viewer.PageAsync("/runs?job=housekeeping");
        var second = await viewer.PageAsync("/runs?job=housekeeping&p=2");

        Assert.Equal(50, Rows(first).Count);
        Assert.Contains("href=\"/runs?job=housekeeping&amp;p=2\"", first, StringComparison.Ordinal);
        Assert.Equal(RunsFixture.HousekeepingRuns - 50, Rows(second).Count);
        Assert.DoesNotContain(">Older<", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_messages_are_html_encoded()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync("/runs?job=roster-sync");

        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/runs?job=x'%20OR%20'1'%3D'1")]
    [InlineData("/runs?status=failed'--")]
    public async Task Filter_values_are_query_parameters_not_sql(string path)
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync(path);

        Assert.Empty(Rows(page));
        Assert.Contains("No runs match.", page, StringComparison.Ordinal);
    }

    private static List<string> Rows(string page) =>
        Regex.Matches(page, "<tr data-run=\"[0-9]+\">(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
}
