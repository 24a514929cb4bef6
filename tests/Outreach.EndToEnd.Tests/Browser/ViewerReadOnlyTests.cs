using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Hangfire;
using Outreach.Dashboard.Navigation;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.EndToEnd.Tests.Security;
using Outreach.Sandbox.Faults;
using Outreach.Worker.Staff;

namespace Outreach.EndToEnd.Tests.Browser;

[Collection(BrowserGroup.Name)]
public sealed class ViewerReadOnlyTests(BrowserWorld browser)
{
    private HubWorld World => browser.World;

    [Fact]
    public async Task A_viewer_finds_no_button_that_changes_anything_on_the_staff_pages_or_in_hangfire()
    {
        var failedJob = await FailedJobAsync();
        var pages = await ReadablePagesAsync(failedJob);

        var found = new Dictionary<string, string[]>();
        await browser.Chromium.RunAsync(World.Address, nameof(A_viewer_finds_no_button_that_changes_anything_on_the_staff_pages_or_in_hangfire), async page =>
        {
            await StaffBrowser.LogInAsync(page, TestAccounts.Viewer);
            await Microsoft.Playwright.Assertions.Expect(page.GetByText("viewer")).ToBeVisibleAsync();
            foreach (var path in pages)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response?.Ok == true, $"{path} answered {response?.Status}");
                if (await StaffBrowser.ChangingControlsAsync(page) is { Length: > 0 } controls)
                {
                    found[path] = controls;
                }
            }
        });

        Assert.True(found.Count == 0, "A viewer sees controls that change things:\n" +
            string.Join("\n", found.Select(f => $"{f.Key}: {string.Join(" | ", f.Value)}")));
    }

    [Fact]
    public async Task An_operator_sees_the_buttons_the_viewer_does_not()
    {
        var failedJob = await FailedJobAsync();

        await browser.Chromium.RunAsync(World.Address, nameof(An_operator_sees_the_buttons_the_viewer_does_not), async page =>
        {
            await StaffBrowser.LogInAsync(page, TestAccounts.Operator);
            foreach (var path in new[] { "/schedules", HangfireDashboard.FailedJobs, HangfireDashboard.JobDetails(failedJob) })
            {
                await page.GotoAsync(path);
                Assert.NotEmpty(await StaffBrowser.ChangingControlsAsync(page));
            }
        });
    }

    private async Task<string> FailedJobAsync()
    {
        World.Sandbox.Faults.Add(FaultRule.BadToken("GL02", count: 1));
        var jobId = World.Enqueue("sync", ("community", "GL02"));
        await World.WaitForStateAsync(jobId, "Failed", TimeSpan.FromSeconds(60));
        return jobId;
    }

    // The pages a viewer's menu offers, every parameterless staff page of the dashboard, and Hangfire's pages.
    private async Task<IReadOnlyList<string>> ReadablePagesAsync(string failedJob)
    {
        var viewer = Dashboard.Staff.StaffClaims.Principal(new StaffMember(0, TestAccounts.Viewer, "Viewer", StaffRole.Viewer, null));
        var menu = World.Dashboard.Services.GetRequiredService<StaffNavigation>().VisibleTo(viewer).Select(p => p.Path);
        var routes = (await DashboardRoutes.EndpointsAsync(World.Dashboard))
            .Where(r => !r.ChangesState && r.Access == Access.Staff && r.DeclaredPolicy is null && !r.Path.Contains(DashboardRoutes.MissingId, StringComparison.Ordinal)
                && !r.Path.Contains("sample", StringComparison.Ordinal) && r.Kind == RouteKind.Page)
            .Select(r => r.Path);
        string[] hangfire =
        [
            HangfireDashboard.Path, HangfireDashboard.FailedJobs, HangfireDashboard.Path + "/jobs/succeeded", HangfireDashboard.Path + "/jobs/enqueued",
            HangfireDashboard.Path + "/jobs/scheduled", HangfireDashboard.Path + "/retries", HangfireDashboard.Path + "/recurring",
            HangfireDashboard.Path + "/servers", HangfireDashboard.JobDetails(failedJob),
        ];
        return menu.Concat(routes).Concat(hangfire).Select(p => p.ToLowerInvariant()).Distinct().ToList();
    }
}
