using System.Text.RegularExpressions;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Schedules;

public sealed class SchedulesPageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Each_schedule_shows_job_arguments_cron_calendar_and_state()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync("/schedules");

        var runnable = Row(page, TestSettings.RunnableSchedule);
        Assert.Contains("housekeeping", runnable, StringComparison.Ordinal);
        Assert.Contains("0 30 3 * * ?", runnable, StringComparison.Ordinal);
        Assert.Contains(TestSettings.Calendar, runnable, StringComparison.Ordinal);
        Assert.Contains(">active<", runnable, StringComparison.Ordinal);
        var waiting = Row(page, TestSettings.WaitingSchedule);
        Assert.Contains("--community GL01", waiting, StringComparison.Ordinal);
        Assert.Contains("waiting for its job", waiting, StringComparison.Ordinal);
        Assert.Contains(">disabled<", Row(page, TestSettings.DisabledSchedule), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_three_fires_are_shown_in_the_library_time_zone()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync("/schedules");

        Assert.Contains("Asia/Shanghai", page, StringComparison.Ordinal);
        // English pages write "Fri 20 Nov 2026 03:30".
        var fires = Regex.Matches(Row(page, TestSettings.RunnableSchedule), @"<li>\w{3} (\d{1,2} \w{3} \d{4} \d\d:\d\d)</li>")
            .Select(m => DateTime.ParseExact(m.Groups[1].Value, "d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, fires.Count);
        Assert.All(fires, fire => Assert.Equal(new TimeSpan(3, 30, 0), fire.TimeOfDay));
        Assert.Equal(fires.Order(), fires);
    }

    [Fact]
    public async Task Previous_fire_links_to_its_hangfire_job()
    {
        await fixture.ExecuteAsync("""
            INSERT INTO outreach.schedule_slots (schedule, slot, job, hangfire_job_id, fired_by, enqueued_at)
            VALUES ($1, '2026-11-19T19:30:00Z', 'housekeeping', '4711', 'test', now())
            """, TestSettings.RunnableSchedule);
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var row = Row(await viewer.PageAsync("/schedules"), TestSettings.RunnableSchedule);

        Assert.Contains("20 Nov 2026 03:30", row, StringComparison.Ordinal);
        Assert.Contains("href=\"/hangfire/jobs/details/4711\"", row, StringComparison.Ordinal);
        Assert.Contains("never", Row(await viewer.PageAsync("/schedules"), TestSettings.DisabledSchedule), StringComparison.Ordinal);
    }

    private static string Row(string page, string schedule)
    {
        var match = Regex.Match(page, $"<tr data-schedule=\"{Regex.Escape(schedule)}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"The schedules page has no row for {schedule}.");
        return match.Groups[1].Value;
    }
}
