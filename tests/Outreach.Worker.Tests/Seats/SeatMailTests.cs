using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Outreach.Testing;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Hosting;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Seats.Notices;
using Outreach.Worker.Seats.Offers;
using Outreach.Worker.Tests.Digests;

namespace Outreach.Worker.Tests.Seats;

public sealed class SeatMailTests
{
    [Fact]
    public async Task Every_notice_goes_out_once_under_two_workers_at_once_a_retry_and_a_requeue()
    {
        await using var world = await SeatsWorld.StartAsync("seats_mail_once");
        await using var hosts = new HubHosts();
        var second = await hosts.StartAsync(HostRole.Client, DigestWorld.Settings(world.ConnectionString, world.Sandbox.SmtpPort),
            services => services.AddSingleton<TimeProvider>(world.Clock));
        var readers = await world.ReadersAsync(4);
        var eventId = await world.EventAsync(2, TimeSpan.FromDays(3));
        foreach (var reader in readers)
        {
            await world.Book.RegisterAsync(eventId, reader, 0, SeatChannel.Digest, CancellationToken.None);
        }

        await world.Book.CancelAsync(eventId, readers[0], CancellationToken.None);
        await world.Db.ExecuteAsync("UPDATE outreach.events SET venue = '图书馆三楼阅览室', updated_at = now() WHERE id = $1", eventId);
        await world.Get<SeatSweep>().RunAsync(CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromDays(2.5));
        await world.Get<SeatSweep>().RunAsync(CancellationToken.None);
        await world.Get<SeatSweep>().RunAsync(CancellationToken.None);

        // confirmed ×2, waiting ×2, offered ×2 (the third reader's ran out, then the fourth's), changed ×3 (everyone with a
        // place then), reminder (the second reader).
        Assert.Equal(10, await world.CountAsync("SELECT count(*) FROM outreach.seat_notices"));
        await Task.WhenAll(
            Task.Run(() => world.Get<SeatMail>().RunAsync(CancellationToken.None)),
            Task.Run(() => second.Services.GetRequiredService<SeatMail>().RunAsync(CancellationToken.None)));
        await world.Get<SeatMail>().RunAsync(CancellationToken.None);
        await second.Services.GetRequiredService<SeatMail>().RunAsync(CancellationToken.None);

        // What no longer holds is skipped as stale, not sent: the first confirmation (that seat was given up), the third
        // reader's offer (it ran out) and the places on the list (both readers moved on).
        Assert.Equal(4, await world.CountAsync("SELECT count(*) FROM outreach.seat_notices WHERE status = 'skipped' AND reply LIKE 'stale%'"));
        var sent = await world.CountAsync("SELECT count(*) FROM outreach.seat_notices WHERE status = 'sent'");
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.seat_notices WHERE status IN ('pending', 'sending')"));
        var caught = world.Sandbox.Mail.Messages;
        Assert.Equal(sent, caught.Count);
        Assert.Equal(caught.Count, caught.Select(m => m.Parse().MessageId).Distinct().Count());
        Assert.Equal(
            (await world.Db.ListAsync("""
                SELECT n.kind || ' ' || split_part(rd.email, '@', 1)
                FROM outreach.seat_notices n JOIN outreach.seat_registrations r ON r.id = n.registration_id JOIN outreach.readers rd ON rd.id = r.reader_id
                WHERE n.status = 'sent'
                """)).Order(),
            caught.Select(m => Kind(m.Parse()) + " " + m.To.Single().Split('@')[0]).Order());
        Assert.Equal(6, sent);
        Assert.Contains(caught, m => Kind(m.Parse()) == "reminder");
        Assert.Contains(caught, m => Kind(m.Parse()) == "changed");

        // Staff's requeue of the job later sends nothing again.
        var requeued = await world.Get<SeatMail>().RunAsync(CancellationToken.None);
        Assert.Equal(0, requeued["due"]);
        Assert.Equal(sent, world.Sandbox.Mail.Messages.Count);
    }

    [Fact]
    public async Task A_confirmation_carries_the_event_its_ics_and_the_readers_cancel_link()
    {
        await using var world = await SeatsWorld.StartAsync("seats_mail_content");
        var readers = await world.ReadersAsync(1);
        var eventId = await world.EventAsync(5, TimeSpan.FromDays(3));
        await world.Book.RegisterAsync(eventId, readers[0], 1, SeatChannel.Digest, CancellationToken.None);

        await world.Get<SeatMail>().RunAsync(CancellationToken.None);

        var message = Assert.Single(world.Sandbox.Mail.Messages).Parse();
        Assert.Equal("报名成功：微讲堂：宁波老字号", message.Subject);
        Assert.Contains("同行人数：1", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"取消报名：{DigestWorld.PublicBaseUrl}/unsubscribe/{world.Get<DigestTokens>().ForReader(readers[0])}/seats/{eventId}",
            message.TextBody, StringComparison.Ordinal);
        var ics = Assert.Single(message.Attachments.OfType<MimePart>(), a => a.FileName == "event.ics");
        using var content = new MemoryStream();
        ics.Content!.DecodeTo(content);
        Assert.Contains($"UID:event-{eventId}@outreach.library", System.Text.Encoding.UTF8.GetString(content.ToArray()), StringComparison.Ordinal);
        var qr = Assert.Single(message.Attachments.OfType<MimePart>(), a => a.FileName == "checkin-qr.png");
        using var png = new MemoryStream();
        qr.Content!.DecodeTo(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.ToArray()[..4]);
    }

    private static string Kind(MimeMessage message) => (message.Subject ?? "").Split('：')[0] switch
    {
        "报名成功" => "confirmed",
        "已登记候补" => "waiting",
        "候补名额已为您保留" => "offered",
        "活动提醒" => "reminder",
        "活动信息有变" => "changed",
        "活动取消" => "cancelled",
        var other => other,
    };
}
