using System.Net;
using Outreach.Dashboard.Readers;
using Outreach.Dashboard.Tests.Hosting;
using Outreach.Testing.Desk;
using Outreach.Worker.Audit;

namespace Outreach.Dashboard.Tests.Readers;

public sealed class ReaderDeskTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task The_record_shows_one_timeline_with_the_run_behind_each_item_and_no_address()
    {
        var seeded = await ReaderHistory.SeedAsync(fixture.DataSource, "desk-timeline", "qiu.timeline@example.test");
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = WebUtility.HtmlDecode(await viewer.PageAsync($"/readers/{seeded.ReaderId}"));

        Assert.Contains(ResourceText.English<ReadersText>("Timeline"), page, StringComparison.Ordinal);
        Assert.Contains($"读者证 {seeded.CardNumber} 发证（当前状态：有效）", page, StringComparison.Ordinal);
        Assert.Contains($"读者证 {seeded.CardNumber} 恢复（GL01）", page, StringComparison.Ordinal);
        Assert.Contains("邮件同意记录（社区名册）：订阅全部活动", page, StringComparison.Ordinal);
        Assert.Contains("2026-10 月：到馆 3 次，借阅 2 次，电子资源 0 次，活动签到 1 次", page, StringComparison.Ordinal);
        Assert.Contains($"荐购 {seeded.OrderRef}《三国演义》，当前状态：可取书", page, StringComparison.Ordinal);
        Assert.Contains($"{seeded.OrderRef} 的读者通知（到书可取）：发送失败：{ReaderHistory.NoticeError}", page, StringComparison.Ordinal);
        Assert.Contains($"/sync?run={seeded.SyncRunId}", page, StringComparison.Ordinal);
        Assert.Contains($"/hangfire/jobs/details/{seeded.SyncHangfireJobId}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("qiu.timeline", page, StringComparison.Ordinal);
        // A viewer reads the record but is offered no action, and a forged post is refused.
        Assert.DoesNotContain(ResourceText.English<ReadersText>("ResendNotice"), page, StringComparison.Ordinal);
        using var forged = await viewer.SubmitAsync($"/readers/{seeded.ReaderId}", $"/readers/{seeded.ReaderId}?handler=ResendNotice",
            ("orderRef", seeded.OrderRef), ("kind", "ready_for_pickup"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.book_order_notices n JOIN outreach.book_orders o ON o.id = n.order_id WHERE o.order_ref = $1 AND n.given_up_at IS NOT NULL", seeded.OrderRef));
    }

    [Fact]
    public async Task An_operator_resends_a_failed_notice_once_however_often_the_button_is_pressed_and_the_trail_has_one_entry()
    {
        var seeded = await ReaderHistory.SeedAsync(fixture.DataSource, "desk-resend", "qiu.resend@example.test");
        using var operatorSession = await fixture.SignedInAsync(TestAccounts.Operator);
        var record = $"/readers/{seeded.ReaderId}";
        Assert.Contains(ResourceText.English<ReadersText>("ResendNotice"), await operatorSession.PageAsync(record), StringComparison.Ordinal);

        using var first = await operatorSession.SubmitAsync(record, record + "?handler=ResendNotice", ("orderRef", seeded.OrderRef), ("kind", "ready_for_pickup"));
        var afterFirst = WebUtility.HtmlDecode(await operatorSession.PageAsync(record));
        using var second = await operatorSession.SubmitAsync(record, record + "?handler=ResendNotice", ("orderRef", seeded.OrderRef), ("kind", "ready_for_pickup"));
        var afterSecond = WebUtility.HtmlDecode(await operatorSession.PageAsync(record));

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, second.StatusCode));
        Assert.Contains($"{seeded.OrderRef} 的通知已重新排队发送", afterFirst, StringComparison.Ordinal);
        Assert.Contains($"{seeded.OrderRef} 的读者通知（到书可取）：待发送（已尝试 0 次）", afterFirst, StringComparison.Ordinal);
        Assert.Contains("未做任何操作", afterSecond, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE action = $1 AND target = $2",
            AuditActions.NoticeResent, $"reader:{seeded.ReaderId}"));
        // Each page read is a view: two reads before each post (the form and the answer), one to start.
        Assert.Equal(5, await fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE action = $1 AND target = $2",
            AuditActions.ReaderViewed, $"reader:{seeded.ReaderId}"));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ReaderNoticeJob%'"));
    }
}
