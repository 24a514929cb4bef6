using System.Net;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Hangfire;

public sealed class HangfireRoleTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    // Hangfire marks its job-changing buttons with these: list toolbars and single-job buttons.
    private const string ListCommand = "js-jobs-list-command";
    private const string JobCommand = "data-ajax=";

    [Fact]
    public async Task Viewer_sees_the_hangfire_dashboard_without_any_action_buttons()
    {
        var (jobId, _) = await fixture.FailedJobAsync();
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);
        using var @operator = await fixture.SignedInAsync(TestAccounts.Operator);

        var home = await viewer.PageAsync("/hangfire");
        var failed = await viewer.PageAsync("/hangfire/jobs/failed");
        var details = await viewer.PageAsync($"/hangfire/jobs/details/{jobId}");

        Assert.Contains("href=\"/runs\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain(ListCommand, failed, StringComparison.Ordinal);
        Assert.DoesNotContain(JobCommand, details, StringComparison.Ordinal);
        // The same pages give an operator the buttons, so the markers above are the right ones.
        Assert.Contains(ListCommand, await @operator.PageAsync("/hangfire/jobs/failed"), StringComparison.Ordinal);
        Assert.Contains(JobCommand, await @operator.PageAsync($"/hangfire/jobs/details/{jobId}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/hangfire/jobs/failed/requeue")]
    [InlineData("/hangfire/jobs/failed/delete")]
    [InlineData("/hangfire/jobs/succeeded/delete")]
    [InlineData("/hangfire/jobs/enqueued/delete")]
    [InlineData("/hangfire/jobs/scheduled/enqueue")]
    [InlineData("/hangfire/jobs/actions/requeue/{id}")]
    [InlineData("/hangfire/jobs/actions/delete/{id}")]
    [InlineData("/hangfire/recurring/trigger")]
    public async Task Viewer_posts_that_would_change_jobs_are_refused(string endpoint)
    {
        var (jobId, _) = await fixture.FailedJobAsync();
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        using var response = await viewer.HangfirePostAsync("/hangfire/jobs/failed", endpoint.Replace("{id}", jobId, StringComparison.Ordinal),
            ("jobs[]", jobId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Failed", fixture.StateOf(jobId));
    }

    [Fact]
    public async Task Viewer_may_still_poll_the_dashboard_counters()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        using var response = await viewer.HangfirePostAsync("/hangfire", "/hangfire/stats", ("metrics[]", "failed:count"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("failed:count", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_requeues_a_failed_job_through_the_dashboard_and_the_worker_runs_it_again()
    {
        var (jobId, key) = await fixture.FailedJobAsync();
        using var @operator = await fixture.SignedInAsync(TestAccounts.Operator);
        var failedPage = await @operator.PageAsync("/hangfire/jobs/failed");
        var requeue = Html.AttributeValues(failedPage, "data-url").Single(url => url.EndsWith("/requeue", StringComparison.Ordinal));

        using var response = await @operator.HangfirePostAsync("/hangfire/jobs/failed", requeue, ("jobs[]", jobId));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await fixture.WaitForStateAsync(jobId, "Succeeded");
        Assert.Equal(2, FlakyJob.AttemptsOf(key));
    }

    [Fact]
    public async Task Operator_post_without_the_antiforgery_token_is_refused()
    {
        var (jobId, _) = await fixture.FailedJobAsync();
        using var @operator = await fixture.SignedInAsync(TestAccounts.Operator);
        await @operator.PageAsync("/hangfire/jobs/failed");

        using var response = await @operator.PostFormAsync("/hangfire/jobs/failed/requeue", [KeyValuePair.Create("jobs[]", jobId)]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Failed", fixture.StateOf(jobId));
    }

    [Fact]
    public async Task Dashboard_never_shows_the_storage_connection_string()
    {
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);

        var page = await admin.PageAsync("/hangfire/servers");

        Assert.DoesNotContain("Host=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Password", page, StringComparison.OrdinalIgnoreCase);
    }
}
