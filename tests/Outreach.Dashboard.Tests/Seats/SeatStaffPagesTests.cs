using System.Globalization;
using System.Net;
using Outreach.Dashboard.Seats;
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
        Assert.Contains($"<td>{ResourceText.English<SeatsText>("Status.waiting")}</td>", list, StringComparison.Ordinal);
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
        Assert.Contains(ResourceText.English<SeatsText>("ReopenRegistration"), await closed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var reopened = await staff.SubmitAsync(page, page + "?handler=Reopen");
        Assert.Contains(ResourceText.English<SeatsText>("CloseRegistration"), await reopened.Content.ReadAsStringAsync(), StringComparison.Ordinal);

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

    [Fact]
    public async Task A_seat_mail_a_crash_left_sending_is_shown_masked_and_sent_again_once_with_its_audit_entry()
    {
        var (reader, _) = await fixture.ReaderAsync(50);
        var eventId = await fixture.EventAsync(5, "微讲堂：三江口的码头");
        await fixture.Get<SeatBook>().RegisterAsync(eventId, reader, 0, SeatChannel.Digest, CancellationToken.None);
        var notice = await fixture.ScalarAsync("""
            UPDATE outreach.seat_notices n SET status = 'sending', attempts = 1, claimed_at = now(), claimed_by = 'crashed-worker'
            FROM outreach.seat_registrations r WHERE r.id = n.registration_id AND r.event_id = $1 RETURNING n.id
            """, eventId);
        using var staff = await fixture.SignedInAsync(Outreach.Testing.Staff.TestAccounts.Operator);
        var page = $"/seats/{eventId}";

        Assert.Contains($"href=\"/seats/{eventId}#stuck\"", await staff.PageAsync("/seats"), StringComparison.Ordinal);
        var shown = await staff.PageAsync(page);
        Assert.Contains(ResourceText.English<SeatsText>("StuckMails"), shown, StringComparison.Ordinal);
        Assert.Contains("s***@mail.example.cn", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("seat50@", shown, StringComparison.Ordinal);
        var id = string.Create(CultureInfo.InvariantCulture, $"{notice}");
        using var released = await staff.SubmitAsync(page, page + "?handler=Resolve", ("notice", id), ("resend", "true"));
        using var again = await staff.SubmitAsync(page, page + "?handler=Resolve", ("notice", id), ("resend", "false"));

        Assert.Contains(WebUtility.HtmlEncode(ResourceText.English<SeatsText>("Released")), await released.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(ResourceText.English<SeatsText>("NothingChanged")), await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.seat_notices WHERE id = $1 AND status = 'pending'", notice));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE action = 'seat_mail_send_again' AND target = $1", $"reader:{reader}"));
    }
}
