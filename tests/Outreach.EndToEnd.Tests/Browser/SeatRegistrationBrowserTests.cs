using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Integrations.Time;
using Outreach.Sandbox.Communities;
using Outreach.Worker.Jobs;
using Outreach.Worker.Metrics;
using Outreach.Worker.Metrics.Computing;
using Outreach.Worker.Metrics.Reading;

namespace Outreach.EndToEnd.Tests.Browser;

/// <summary>
/// Issue 15 end to end: a digest in the sandbox's mail catcher, its 报名 link followed in a browser, the check-in at the
/// door on a phone, and the month's figures computed by the product counting the attendance. A world of its own: the
/// month in course is computed here, which the shared browser world's metrics page must not show.
/// </summary>
[Collection(SeatsBrowserGroup.Name)]
public sealed class SeatRegistrationBrowserTests(SeatsBrowserWorld browser)
{
    private const string Community = "GL04";

    private static readonly List<SimResident> Roster = Residents.Range(Community, 960, 4);

    private HubWorld World => browser.World;

    [Fact]
    public async Task A_resident_registers_from_a_real_digest_is_checked_in_on_a_phone_and_the_months_attendance_counts_them()
    {
        await CsvRoster.SyncAsync(World, Community, Roster);
        var resident = Roster.First(r => r.EmailOptIn && r.WantsLibraryCard);
        var readerId = await CsvRoster.ReaderIdAsync(World, resident);
        var card = Assert.Single(await World.ListAsync("SELECT card_number FROM outreach.cards WHERE reader_id = $1", readerId));
        var lecture = await DigestMailing.AddEventAsync(World, Community, "微讲堂：月湖边的藏书楼");
        await DigestMailing.SendAsync(World, Community);
        var link = DigestMailing.SeatLink(DigestMailing.ReceivedBy(World, resident.Email), lecture.Id);
        Assert.Equal(World.Address.Authority, link.Authority);

        await browser.Chromium.RunAsync(World.Address, nameof(A_resident_registers_from_a_real_digest_is_checked_in_on_a_phone_and_the_months_attendance_counts_them), async page =>
        {
            await page.GotoAsync(link.ToString());
            await Assertions.Expect(page.GetByText("微讲堂：月湖边的藏书楼", new() { Exact = true })).ToBeVisibleAsync();
            // Mail scanners open every link: the page alone holds no seat.
            Assert.Equal(0, await World.CountAsync("SELECT count(*) FROM outreach.seat_registrations WHERE reader_id = $1", readerId));

            await StaffBrowser.RunAndWaitForLoadAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "确认报名" }).ClickAsync());

            await Assertions.Expect(page.GetByText("报名成功，您已获得名额。")).ToBeVisibleAsync();
        });
        Assert.Equal(["registered digest"], await World.ListAsync(
            "SELECT status || ' ' || channel FROM outreach.seat_registrations WHERE event_id = $1 AND reader_id = $2", lecture.Id, readerId));

        await browser.Chromium.RunOnPhoneAsync(World.Address, nameof(A_resident_registers_from_a_real_digest_is_checked_in_on_a_phone_and_the_months_attendance_counts_them) + "_door", async phone =>
        {
            await StaffBrowser.LogInAsync(phone, TestAccounts.Operator);
            await phone.GotoAsync($"/seats/{lecture.Id}/checkin");
            await Assertions.Expect(phone.Locator("#checked-in")).ToHaveTextAsync("0");
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                "The check-in page is wider than the phone's screen.");

            await phone.GetByLabel("阅览证号").FillAsync(card);
            await StaffBrowser.RunAndWaitForLoadAsync(phone, () => phone.GetByRole(AriaRole.Button, new() { Name = "签到", Exact = true }).ClickAsync());

            await Assertions.Expect(phone.Locator("#result")).ToContainTextAsync("签到成功");
            await Assertions.Expect(phone.Locator("#checked-in")).ToHaveTextAsync("1");
        });

        // The month in course, computed as the metrics job computes a month (in a run of its own).
        var calendar = World.Dashboard.Services.GetRequiredService<LibraryCalendar>();
        var month = ReportMonth.Of(calendar.Today);
        await World.Dashboard.Services.GetRequiredService<JobRuns>().RunAsync(new RunSubject(MonthlyMetrics.JobName, month.ToString()),
            run => World.Dashboard.Services.GetRequiredService<IMonthComputation>().ComputeAsync(month, run, rebuildActivityTotals: false, CancellationToken.None),
            CancellationToken.None);
        var report = await World.Dashboard.Services.GetRequiredService<MetricsStore>().ReportAsync(month, CancellationToken.None);

        Assert.NotNull(report);
        Assert.Equal(1m, report.Get(Community, Indicators.Attendance).Value);
        Assert.Equal(1m, report.Get(Community, Indicators.ActiveReaders).Value);
    }
}
