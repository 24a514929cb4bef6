using System.Net;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Sending;
using Outreach.Worker.Digests.Staff;

namespace Outreach.Dashboard.Tests.Digests;

public sealed class DigestPagesTests(DigestDashboardFixture fixture) : IClassFixture<DigestDashboardFixture>
{
    [Fact]
    public async Task Staff_see_each_digest_with_its_counts_and_the_copies_stuck_in_sending()
    {
        await fixture.AddReadersAsync("GL01", 1000, 4);
        await fixture.AddEventAsync("GL01影评沙龙", 2, "GL01");
        var week = fixture.Get<LibraryCalendar>().ThisWeek;
        await fixture.Get<DigestRun>().RunAsync("GL01", week, CancellationToken.None);
        var digestId = await fixture.ScalarAsync("SELECT id FROM outreach.digests WHERE community = 'GL01'");
        // As a crash between claim and the relay's answer would leave it.
        await fixture.ExecuteAsync("UPDATE outreach.digest_deliveries SET status = 'sending' WHERE digest_id = $1 AND reader_id = (SELECT max(reader_id) FROM outreach.digest_deliveries WHERE digest_id = $1)", digestId);
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var list = await viewer.PageAsync($"/digests?community=GL01&week={week}");
        var details = await viewer.PageAsync($"/digests/{digestId}");

        Assert.Contains($"<td class=\"number recipients\">4</td>", list, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"number sent\">3</td>", list, StringComparison.Ordinal);
        Assert.Contains("1 stuck in sending", list, StringComparison.Ordinal);
        Assert.Contains("<span class=\"count\" id=\"stuck\">1</span>", details, StringComparison.Ordinal);
        Assert.Contains("d***@mail.example.cn", details, StringComparison.Ordinal);
        Assert.DoesNotContain("d1003@mail.example.cn", details, StringComparison.Ordinal);
        Assert.DoesNotContain("It arrived", details, StringComparison.Ordinal);

        using var operatorClient = await fixture.SignedInAsync(TestAccounts.Operator);
        var readerId = await fixture.ScalarAsync("SELECT reader_id FROM outreach.digest_deliveries WHERE status = 'sending' AND digest_id = $1", digestId);
        using var resolved = await operatorClient.SubmitAsync($"/digests/{digestId}", $"/digests/{digestId}?handler=Resolve",
            ("reader", readerId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("resend", "false"));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(0, (await fixture.Get<DigestBoard>().FindAsync(digestId, CancellationToken.None))!.Stuck);
    }

    [Fact]
    public async Task The_preview_shows_the_next_digest_and_send_a_test_to_me_mails_the_staff_member()
    {
        await fixture.AddEventAsync("预览用的影评沙龙", 3, "GL03");
        using var operatorClient = await fixture.SignedInAsync(TestAccounts.Operator);

        var page = await operatorClient.PageAsync("/digests/preview?community=GL03");
        var html = await operatorClient.PageAsync("/digests/preview/html?community=GL03");
        using var sent = await operatorClient.SubmitAsync("/digests/preview?community=GL03", "/digests/preview?handler=Test&community=GL03");

        Assert.Contains("活动周报 · 古林GL03社区", page, StringComparison.Ordinal);
        Assert.Contains("预览用的影评沙龙", html, StringComparison.Ordinal);
        Assert.Contains("Test sent to o***@lib.example.cn", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var test = (await fixture.Sandbox.Mail.WaitForCountAsync(1, TimeSpan.FromSeconds(10))).Select(m => m.Parse())
            .Single(m => (m.Subject ?? "").StartsWith(DigestPreview.TestSubjectPrefix, StringComparison.Ordinal));
        Assert.Equal(DigestDashboardFixture.OperatorEmail, test.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task An_operator_creates_an_event_in_the_editor_and_a_viewer_may_not()
    {
        using var operatorClient = await fixture.SignedInAsync(TestAccounts.Operator);
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);
        var day = fixture.Get<LibraryCalendar>().Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var saved = await operatorClient.SubmitAsync("/digests/events/edit", "/digests/events/edit",
            ("Input.Kind", "reading_club"), ("Input.Title", "编辑器里的读书会"), ("Input.Summary", "一起读《围城》"), ("Input.Venue", "阅览室"),
            ("Input.StartsAt", day + "T19:00"), ("Input.EndsAt", day + "T21:00"), ("Input.Communities", "GL03"), ("Input.Capacity", "20"));
        using var refused = await viewer.GetAsync("/digests/events/edit");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, await fixture.ScalarAsync("""
            SELECT count(*) FROM outreach.events WHERE title = '编辑器里的读书会' AND source = 'staff' AND communities = '{GL03}'
              AND starts_at = ($1::date + time '19:00') AT TIME ZONE 'Asia/Shanghai'
            """, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("编辑器里的读书会", await viewer.PageAsync("/digests/events"), StringComparison.Ordinal);
    }
}
