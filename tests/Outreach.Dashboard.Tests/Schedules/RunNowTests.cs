using System.Net;
using System.Text.RegularExpressions;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Schedules;

public sealed partial class RunNowTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private const string RunNow = "/schedules?handler=RunNow";

    [Fact]
    public async Task Run_now_enqueues_one_job_of_the_schedule_and_the_worker_runs_it_within_seconds()
    {
        using var @operator = await fixture.SignedInAsync(TestAccounts.Operator);
        Assert.Contains("Run now</button>", await @operator.PageAsync("/schedules"), StringComparison.Ordinal);
        var before = await fixture.HangfireJobCountAsync();

        using var response = await @operator.SubmitAsync("/schedules", RunNow, ("name", TestSettings.RunnableSchedule));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = JobDetailsPath().Match(response.Headers.Location!.OriginalString);
        Assert.True(match.Success, $"Run now redirected to {response.Headers.Location}, not to a Hangfire job page.");
        var jobId = match.Groups[1].Value;
        Assert.Equal(before + 1, await fixture.HangfireJobCountAsync());
        await fixture.WaitForStateAsync(jobId, "Succeeded", TimeSpan.FromSeconds(10));
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach.job_runs WHERE job = 'housekeeping' AND hangfire_job_id = $1 AND status = 'succeeded'", jobId));
        await @operator.PageAsync(response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Viewer_sees_no_run_now_button_and_its_run_now_post_is_forbidden()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);
        var page = await viewer.PageAsync("/schedules");
        var before = await fixture.HangfireJobCountAsync();

        // The layout's logout form gives a viewer a valid token; the refusal must not depend on a missing one.
        using var response = await viewer.SubmitAsync("/schedules", RunNow, ("name", TestSettings.RunnableSchedule));

        Assert.DoesNotContain("Run now</button>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await fixture.HangfireJobCountAsync());
    }

    [Fact]
    public async Task Run_now_without_the_antiforgery_token_is_rejected()
    {
        using var @operator = await fixture.SignedInAsync(TestAccounts.Operator);
        var before = await fixture.HangfireJobCountAsync();

        using var response = await @operator.PostFormAsync(RunNow, [KeyValuePair.Create("name", TestSettings.RunnableSchedule)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await fixture.HangfireJobCountAsync());
    }

    [Theory]
    [InlineData("no-such-schedule")]
    [InlineData(TestSettings.WaitingSchedule)]
    public async Task Run_now_of_a_schedule_without_a_runnable_job_is_not_found(string schedule)
    {
        using var @operator = await fixture.SignedInAsync(TestAccounts.Operator);

        using var response = await @operator.SubmitAsync("/schedules", RunNow, ("name", schedule));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex("^/hangfire/jobs/details/([0-9]+)$")]
    private static partial Regex JobDetailsPath();
}
