using System.Net;
using Outreach.Worker.Seats.Booking;

namespace Outreach.Dashboard.Tests.Seats;

public sealed class SeatStaffPagesTests(SeatsDashboardFixture fixture) : IClassFixture<SeatsDashboardFixture>
{
    [Fact]
    public async Task Staff_see_the_list_masked_raise_the_capacity_close_and_reopen_and_export_and_each_action_is_audited()
    {
        var readers = new List<(long Reader, string Card)>();
        for (var i = 40; i < 43; i++)
        {
            readers.Add(await fixture.ReaderAsync(i));
        }

        var eventId = await fixture.EventAsync(1, "终身教育课堂：手机摄影");
        foreach (var (reader, _) in readers)
        {
            await fixture.Get<SeatBook>().RegisterAsync(eventId, reader, 0, SeatChannel.Digest, CancellationToken.None);
        }

        using var staff = await fixture.SignedInAsync(Outreach.Testing.Staff.TestAccounts.Operator);
        var upcoming = await staff.PageAsync("/seats");
        Assert.Contains("终身教育课堂：手机摄影", upcoming, StringComparison.Ordinal);
        var page = $"/seats/{eventId}";
        var list = await staff.PageAsync(page);
        Assert.Contains("候补", list, StringComparison.Ordinal);
        Assert.Contains(readers[0].Card[^4..], list, StringComparison.Ordinal);
        foreach (var (_, card) in readers)
        {
            Assert.DoesNotContain(card, list, StringComparison.Ordinal);
            Assert.DoesNotContain(card[..^4], list, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("13800000040", list, StringComparison.Ordinal);

        using var raised = await staff.SubmitAsync(page, page + "?handler=Capacity", ("Capacity", "3"));
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.Equal("offered", await fixture.StatusAsync(eventId, readers[1].Reader));
        using var negative = await staff.SubmitAsync(page, page + "?handler=Capacity", ("Capacity", "-5"));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        using var closed = await staff.SubmitAsync(page, page + "?handler=Close");
        Assert.Contains("重新开放报名", await closed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var reopened = await staff.SubmitAsync(page, page + "?handler=Reopen");
        Assert.Contains("截止报名", await reopened.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var export = await staff.GetAsync($"/seats/{eventId}/export.csv");
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Contains("name_masked,card_last4", csv, StringComparison.Ordinal);
        Assert.Equal(4, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        foreach (var (_, card) in readers)
        {
            Assert.DoesNotContain(card, csv, StringComparison.Ordinal);
        }

        Assert.Equal(4, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach.audit_log WHERE target = $1 AND action IN ('seats_capacity_changed', 'seats_closed', 'seats_reopened', 'seats_exported')",
            $"event:{eventId}"));
    }
}
