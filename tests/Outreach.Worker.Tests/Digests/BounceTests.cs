using System.Globalization;
using MimeKit;
using Outreach.Integrations.Mail;
using Outreach.Integrations.Time;
using Outreach.Sandbox.Mail;
using Outreach.Worker.Digests.Bounces;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Digests.Sending;

namespace Outreach.Worker.Tests.Digests;

public sealed class BounceTests
{
    private static Action<Dictionary<string, string?>> Mailbox(ImapMailboxServer imap) => settings =>
    {
        settings["Outreach:Mail:BounceMailbox:Host"] = "127.0.0.1";
        settings["Outreach:Mail:BounceMailbox:Port"] = imap.Port.ToString(CultureInfo.InvariantCulture);
        settings["Outreach:Mail:BounceMailbox:Security"] = "None";
        settings["Outreach:Mail:BounceMailbox:Username"] = ImapMailboxServer.User;
        settings["Outreach:Mail:BounceMailbox:Password"] = ImapMailboxServer.Password;
        settings["Outreach:Mail:BounceMailbox:Timeout"] = "00:00:10";
    };

    [Fact]
    public async Task A_DSN_in_the_IMAP_mailbox_marks_the_address_bounced_until_the_roster_brings_a_new_one()
    {
        await using var imap = new ImapMailboxServer();
        await using var world = await DigestWorld.StartAsync("bounce_hard", Mailbox(imap));
        var readers = await world.AddReadersAsync("GL03", 1, 5);
        await world.AddEventAsync("微讲堂", 1);
        await world.AddEventAsync("下周的读书会", 9, "reading_club");
        await world.RunDigestAsync("GL03");
        var caught = world.Sandbox.Mail.Messages;
        var toReader2 = caught.Single(m => m.To.Single() == DigestWorld.Address(2));
        var toReader3 = caught.Single(m => m.To.Single() == DigestWorld.Address(3));

        // A hard bounce sent to the VERP envelope address, a delay notice that only carries the tracking header,
        // a mailto unsubscribe request, and a letter that is none of these.
        imap.Deliver(Dsn(toReader2.From, DigestWorld.Address(2), "failed", "5.1.1", toReader2.Parse(), headersOnly: false));
        imap.Deliver(Dsn(DigestWorld.Bounces, DigestWorld.Address(3), "delayed", "4.2.2", toReader3.Parse(), headersOnly: true));
        imap.Deliver(UnsubscribeRequest(world.Get<DigestTokens>().ForReader(readers[3])));
        imap.Deliver(new MimeMessage([MailboxAddress.Parse("someone@example.cn")], [MailboxAddress.Parse(DigestWorld.Bounces)], "你好",
            new TextPart("plain") { Text = "一封普通的信" }));

        await world.Get<BounceMailboxJob>().RunAsync(CancellationToken.None);

        Assert.Equal("hard", await world.ScalarTextAsync("SELECT bounce_kind FROM outreach.digest_deliveries WHERE reader_id = $1", readers[1]));
        Assert.Equal("soft", await world.ScalarTextAsync("SELECT bounce_kind FROM outreach.digest_deliveries WHERE reader_id = $1", readers[2]));
        Assert.Equal([DigestWorld.Address(2)], await ListAsync(world, "SELECT address FROM outreach.mail_suppressions"));
        Assert.Equal(1, await world.ScalarAsync("SELECT count(*) FROM outreach.mail_preferences WHERE reader_id = $1 AND unsubscribed_at IS NOT NULL", readers[3]));
        var left = Assert.Single(imap.Mailbox());
        Assert.Equal("你好", left.Message.Subject);
        Assert.True(left.Seen);
        Assert.Contains(imap.Commands, c => c.Contains("EXPUNGE", StringComparison.Ordinal));
        var board = Assert.Single(await world.Get<Outreach.Worker.Digests.Staff.DigestBoard>().ListAsync(null, "GL03", 5, CancellationToken.None));
        Assert.Equal(2, board.Bounced);

        // Read again: nothing new, nothing counted twice.
        await world.Get<BounceMailboxJob>().RunAsync(CancellationToken.None);
        Assert.Equal(2, await world.ScalarAsync("SELECT count(*) FROM outreach.mail_bounces"));

        // Next week's digest skips the bounced address and the unsubscribed reader ...
        var nextWeek = NextWeek(world);
        world.Sandbox.Mail.Clear();
        await world.Get<DigestRun>().RunAsync("GL03", nextWeek, CancellationToken.None);
        Assert.Equal(
            Enumerable.Range(1, 5).Where(i => i is not (2 or 4)).Select(DigestWorld.Address).Order(),
            world.Sandbox.Mail.Messages.SelectMany(m => m.To).Order());

        // ... until the roster brings reader 2 a new address.
        await world.ExecuteAsync("UPDATE outreach.readers SET email = 'new2@mail.example.cn' WHERE id = $1", readers[1]);
        await world.Get<DigestRun>().RunAsync("GL03", nextWeek, CancellationToken.None);
        Assert.Contains("new2@mail.example.cn", world.CopiesByRecipient().Keys);
        Assert.Equal(4, world.Sandbox.Mail.Messages.Count);
    }

    [Fact]
    public async Task Three_soft_bounces_of_different_digests_stop_mailing_the_address_but_one_repeated_report_does_not()
    {
        await using var world = await DigestWorld.StartAsync("bounce_soft");
        var readers = await world.AddReadersAsync("GL03", 1, 1);
        var recorder = world.Get<BounceRecorder>();
        await world.ExecuteAsync("""
            INSERT INTO outreach.digests (community, iso_week, window_start, window_end, subject, events, event_count, created_at)
            SELECT 'GL03', '2026-W0' || i, now(), now(), 's', '[]', 1, now() FROM generate_series(1, 3) AS i
            """);
        await world.ExecuteAsync("INSERT INTO outreach.digest_deliveries (digest_id, reader_id, status, address) SELECT id, $1, 'sent', $2 FROM outreach.digests",
            readers[0], DigestWorld.Address(1));
        var digests = await ListAsync(world, "SELECT id::text FROM outreach.digests ORDER BY id");
        var soft = new BouncedRecipient(DigestWorld.Address(1), BounceKind.Soft, "4.2.2", "mailbox full");

        var first = await recorder.RecordAsync("report-1", new DeliveryKey(long.Parse(digests[0], CultureInfo.InvariantCulture), readers[0]), soft, CancellationToken.None);
        var again = await recorder.RecordAsync("report-1", new DeliveryKey(long.Parse(digests[0], CultureInfo.InvariantCulture), readers[0]), soft, CancellationToken.None);
        var second = await recorder.RecordAsync("report-2", new DeliveryKey(long.Parse(digests[1], CultureInfo.InvariantCulture), readers[0]), soft, CancellationToken.None);
        var third = await recorder.RecordAsync("report-3", new DeliveryKey(long.Parse(digests[2], CultureInfo.InvariantCulture), readers[0]), soft, CancellationToken.None);

        Assert.Equal([BounceOutcome.Recorded, BounceOutcome.Duplicate, BounceOutcome.Recorded, BounceOutcome.Suppressed], [first, again, second, third]);
        Assert.Equal("3 soft bounces", await world.ScalarTextAsync("SELECT reason FROM outreach.mail_suppressions"));
    }

    private static IsoWeek NextWeek(DigestWorld world)
    {
        var monday = world.Week.Monday.AddDays(7);
        return IsoWeek.Of(monday);
    }

    private static async Task<List<string>> ListAsync(DigestWorld world, string sql)
    {
        await using var command = world.Db.CreateCommand(sql);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }

    /// <summary>A delivery status notification as a receiving MTA writes it (RFC 3464), returning the original or its headers.</summary>
    private static MimeMessage Dsn(string to, string recipient, string action, string status, MimeMessage original, bool headersOnly)
    {
        var report = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "Your message could not be delivered." } };
        var statusPart = new MessageDeliveryStatus();
        statusPart.StatusGroups.Add(new HeaderList { { "Reporting-MTA", "dns; mx.mail.example.cn" } });
        statusPart.StatusGroups.Add(new HeaderList
        {
            { "Final-Recipient", "rfc822; " + recipient },
            { "Action", action },
            { "Status", status },
            { "Diagnostic-Code", $"smtp; {status[0]}50 {status} <{recipient}>: mailbox problem" },
        });
        report.Add(statusPart);
        if (headersOnly)
        {
            var headers = new MimeMessage();
            foreach (var header in original.Headers)
                headers.Headers.Add(header.Field, header.Value);
            report.Add(new TextRfc822Headers { Message = headers });
        }
        else
        {
            report.Add(new MessagePart { Message = original });
        }

        var dsn = new MimeMessage([new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mx.mail.example.cn")], [MailboxAddress.Parse(to)],
            "Undelivered Mail Returned to Sender", report);
        dsn.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mx.mail.example.cn");
        return dsn;
    }

    private static MimeMessage UnsubscribeRequest(string token) => new(
        [MailboxAddress.Parse(DigestWorld.Address(4))], [MailboxAddress.Parse(DigestWorld.Bounces)], DigestLinks.MailtoSubjectPrefix + token,
        new TextPart("plain") { Text = "" });
}
