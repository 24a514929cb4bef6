using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Tests.Hangfire;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Home;

public sealed class HomePageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Home_counts_failed_jobs_and_the_failed_or_refused_runs_of_the_last_week()
    {
        await fixture.ExecuteAsync("""
            INSERT INTO outreach.job_runs (job, scope, started_at, finished_at, status)
            VALUES ('roster-sync', 'GL01', now() - interval '1 day', now() - interval '1 day', 'failed'),
                   ('roster-sync', 'GL02', now() - interval '2 days', now() - interval '2 days', 'failed'),
                   ('roster-sync', 'GL03', now() - interval '3 days', now() - interval '3 days', 'refused'),
                   ('roster-sync', 'GL04', now() - interval '10 days', now() - interval '10 days', 'failed'),
                   ('housekeeping', 'all', now() - interval '1 hour', now() - interval '1 hour', 'succeeded')
            """);
        // FlakyJob takes no automatic retries, so the job lands in Failed rather than in a retry.
        fixture.Services.GetRequiredService<IBackgroundJobClient>()
            .Create<FlakyJob>(job => job.RunAsync("home", CancellationToken.None), new FailedState(new InvalidOperationException("for the home page")));
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync("/");

        Assert.Contains("id=\"failed-jobs\">1<", page, StringComparison.Ordinal);
        Assert.Contains("id=\"failed-runs\">2<", page, StringComparison.Ordinal);
        Assert.Contains("id=\"refused-runs\">1<", page, StringComparison.Ordinal);
        Assert.Contains("id=\"hangfire-servers\">0<", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/hangfire/jobs/failed\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/runs?status=failed\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/runs?status=refused\"", page, StringComparison.Ordinal);
    }
}
