using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Dashboard.Hangfire;
using Outreach.Dashboard.Home;
using Outreach.Dashboard.Runs;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Sandbox.Communities;
using Outreach.Sandbox.Faults;
using Outreach.Testing;
using Outreach.Worker.Staff;

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
            // The job's page fully loaded first: Hangfire binds its buttons once the page has loaded, and a click before that does nothing.
            await StaffBrowser.RunAndWaitForLoadAsync(page, () => failedSync.First.ClickAsync());
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

    [Fact]
    public async Task A_librarian_keeps_English_after_logging_out_and_in_then_in_Chinese_retries_a_failed_sync_on_hangfire_and_sees_it_succeed()
    {
        const string librarian = "retries-in-chinese";
        await World.Dashboard.Services.GetRequiredService<StaffStore>()
            .CreateAsync(librarian, librarian, StaffRole.Admin, TestAccounts.Password, null, CancellationToken.None);
        World.Sandbox.Communities.Seed("GL02", HubSettings.TokenOf("GL02"), Residents.Range("GL02", 300, 12));
        var outage = World.Sandbox.Faults.Add(FaultRule.ServerError(10_000, "GL02", CommunityRoutes.Residents));
        var jobId = World.Enqueue("sync", ("community", "GL02"));
        await World.WaitForStateAsync(jobId, "Failed", TimeSpan.FromSeconds(60));

        await browser.Chromium.RunAsync(World.Address, nameof(A_librarian_keeps_English_after_logging_out_and_in_then_in_Chinese_retries_a_failed_sync_on_hangfire_and_sees_it_succeed),
            "zh-CN", async page =>
            {
                await StaffBrowser.LogInAsync(page, librarian);
                await StaffBrowser.RunAndWaitForLoadAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync());
                await StaffBrowser.RunAndWaitForLoadAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync());
                await StaffBrowser.LogInAsync(page, librarian);
                await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(ResourceText.English<HomeText>("Heading"));
                Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));

                await StaffBrowser.RunAndWaitForLoadAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync());
                await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(ResourceText.Chinese<HomeText>("Heading"));
                await page.GotoAsync(HangfireDashboard.FailedJobs);
                // Hangfire's own Chinese around the failed sync.
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "失败的作业" })).ToBeVisibleAsync();
                // Its times in Chinese too ("几秒前", not "a few seconds ago"): moment.js is given the locale it knows.
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-cn");
                await Assertions.Expect(page.Locator("[data-moment]").First).ToContainTextAsync("前");
                // The hub's name for the job, in Chinese: "读者同步 GL02 <community>", not the method's English display name.
                var failedSync = page.Locator($"a[href$='/jobs/details/{jobId}']").Filter(new() { HasText = ResourceText.Chinese<RunsText>("Job.sync") + " GL02" });
                await Assertions.Expect(failedSync).ToBeVisibleAsync();
                World.Sandbox.Faults.Remove(outage.Id);
                // The job's page fully loaded first: Hangfire binds its buttons once the page has loaded, and a click before that does nothing.
                await StaffBrowser.RunAndWaitForLoadAsync(page, () => failedSync.ClickAsync());
                await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/hangfire/jobs/details/{jobId}$"));

                // Hangfire's "Requeue" reads 重试 in Chinese; the page reloads itself once the command is done.
                await StaffBrowser.RunAndWaitForLoadAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "重试", Exact = true }).ClickAsync());
                try
                {
                    await World.WaitForStateAsync(jobId, "Succeeded", TimeSpan.FromSeconds(60));
                }
                catch (Exception notYet) when (notYet is not OperationCanceledException)
                {
                    var runs = await World.ListAsync("SELECT status || ': ' || coalesce(message, '') FROM outreach.job_runs WHERE scope = 'GL02' ORDER BY id");
                    throw new InvalidOperationException($"{notYet.Message} GL02's runs: {string.Join(" | ", runs)}", notYet);
                }

                await page.GotoAsync("/runs?job=sync&status=succeeded");
                await Assertions.Expect(page.Locator("tr[data-run]").Filter(new() { HasText = "GL02" }).First)
                    .ToContainTextAsync(ResourceText.Chinese<RunsText>("Status.succeeded"));
            });

        Assert.Equal(12, await World.CountAsync("SELECT count(*) FROM outreach.readers WHERE community = 'GL02'"));
    }

    [GeneratedRegex("Roster sync GL01")]
    private static partial Regex RosterSyncGl01();
}
