using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Outreach.Dashboard.Hangfire;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Sandbox.Communities;
using Outreach.Sandbox.Faults;
using Outreach.Testing;

namespace Outreach.EndToEnd.Tests.Browser;

[Collection(BrowserGroup.Name)]
public sealed partial class FailedSyncRetryTests(BrowserWorld browser)
{
    private HubWorld World => browser.World;

    [Fact]
    public async Task Operator_finds_the_failed_roster_sync_in_the_hangfire_dashboard_retries_it_and_sees_it_succeed()
    {
        World.Sandbox.Communities.Seed("GL01", HubSettings.TokenOf("GL01"), Residents.Range("GL01", 1, 40));
        // The community system answers 500 to every request until the fault is cleared: longer than any retry.
        var outage = World.Sandbox.Faults.Add(FaultRule.ServerError(10_000, "GL01", CommunityRoutes.Residents));
        var jobId = World.Enqueue("sync", ("community", "GL01"));
        await World.WaitForStateAsync(jobId, "Failed", TimeSpan.FromSeconds(60));
        World.Sandbox.Faults.Remove(outage.Id);

        await browser.Chromium.RunAsync(World.Address, nameof(Operator_finds_the_failed_roster_sync_in_the_hangfire_dashboard_retries_it_and_sees_it_succeed), async page =>
        {
            await StaffBrowser.LogInAsync(page, TestAccounts.Operator);
            await page.GetByRole(AriaRole.Link, new() { Name = "Jobs", Exact = true }).First.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"{HangfireDashboard.Path}/?$"));
            await page.GotoAsync(HangfireDashboard.FailedJobs);
            var failedSync = page.GetByRole(AriaRole.Link, new() { NameRegex = RosterSyncGl01() });
            await Assertions.Expect(failedSync).ToBeVisibleAsync();
            await failedSync.First.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/hangfire/jobs/details/{jobId}$"));
            await Assertions.Expect(page.GetByText("500", new() { Exact = false }).First).ToBeVisibleAsync();

            // The dashboard posts the requeue and then reloads the page itself: wait for that reload, so that none of ours races it.
            await StaffBrowser.RunAndWaitForLoadAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Requeue" }).ClickAsync());

            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    await page.ReloadAsync();
                }
                catch (PlaywrightException)
                {
                    // Hangfire's page reloads itself once the command is done; ours met it half-way. The next round reads it.
                    return false;
                }

                return await page.Locator(".job-snippet, .state-card, h4, .panel-title, .card-title").GetByText("Succeeded").CountAsync() > 0;
            }, TimeSpan.FromSeconds(60), "the job's page shows it Succeeded");
        });

        Assert.Equal("Succeeded", World.StateOf(jobId));
        Assert.Equal(40, await World.CountAsync("SELECT count(*) FROM outreach.readers WHERE community = 'GL01'"));
    }

    [GeneratedRegex("Roster sync GL01")]
    private static partial Regex RosterSyncGl01();
}
