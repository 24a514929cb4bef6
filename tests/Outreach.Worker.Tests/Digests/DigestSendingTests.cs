using System.Text;
using MimeKit;
using Outreach.Sandbox.Faults;
using Outreach.Worker.Audit;
using Outreach.Worker.Digests.Content;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Digests.Sending;
using Outreach.Worker.Digests.Staff;

namespace Outreach.Worker.Tests.Digests;

public sealed class DigestSendingTests
{
    [Fact]
    public async Task Every_opted_in_reader_gets_one_copy_with_both_parts_an_ics_per_event_an_encoded_subject_and_one_click_unsubscribe()
    {
        await using var world = await DigestWorld.StartAsync("digest_content");
        var readers = await world.AddReadersAsync("GL03", 1, 5);
        await world.AddReadersAsync("GL03", 100, 3, optedIn: false);
        await world.AddReadersAsync("GL01", 200, 2);
        await world.AddEventAsync("古籍修复微讲堂", 2, "lecture", "GL03");
        await world.AddEventAsync("中秋读书会", 5, "reading_club");
        await world.AddEventAsync("只给GL01的活动", 3, "film_salon", "GL01");

        var counts = await world.RunDigestAsync("GL03");

        Assert.Equal(5, counts["recipients"]);
        Assert.Equal(5, counts["sent"]);
        var caught = world.Sandbox.Mail.Messages;
        Assert.Equal(5, caught.Count);
        Assert.Equal(Enumerable.Range(1, 5).Select(DigestWorld.Address).Order(), caught.SelectMany(m => m.To).Order());

        var first = caught.Single(m => m.To.Single() == DigestWorld.Address(1));
        var raw = Encoding.ASCII.GetString(first.Raw.Span);
        var message = first.Parse();
        var digestId = await world.ScalarAsync("SELECT id FROM outreach.digests WHERE community = 'GL03'");
        var token = world.Get<DigestTokens>();

        // Subject: Chinese, encoded per RFC 2047 on the wire, read back intact.
        Assert.Matches("(?im)^Subject: =\\?utf-8\\?b\\?", raw);
        Assert.Equal($"浙江工商职业技术学院图书馆活动周报 · 古林GL03社区 · {world.Week.Year}年第{world.Week.Week}周", message.Subject);
        Assert.Equal(DigestWorld.From, message.From.Mailboxes.Single().Address);
        Assert.Equal("events@lib.example.cn", message.ReplyTo.Mailboxes.Single().Address);

        // One-click unsubscribe (RFC 8058): an https(-style) URL with an opaque token and a mailto, plus the POST marker.
        var readerToken = token.ForReader(readers[0]);
        Assert.Equal($"<{DigestWorld.PublicBaseUrl}/unsubscribe/{readerToken}>, <mailto:{DigestWorld.Bounces}?subject=unsubscribe%20{readerToken}>",
            message.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.DoesNotContain(readers[0].ToString(System.Globalization.CultureInfo.InvariantCulture), readerToken, StringComparison.Ordinal);

        // VERP envelope sender and the tracking header both name this delivery.
        var tag = token.ForDelivery(new DeliveryKey(digestId, readers[0]));
        Assert.Equal($"bounces+{tag}@lib.example.cn", first.From);
        Assert.Equal(tag, message.Headers[DigestComposer.DeliveryHeader]);

        // multipart/mixed: multipart/alternative (text/plain, text/html), then one text/calendar per event of GL03.
        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("mixed", mixed.ContentType.MediaSubtype);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        var text = Assert.IsType<TextPart>(alternative[0]);
        var html = Assert.IsType<TextPart>(alternative[1]);
        Assert.True(text.IsPlain);
        Assert.True(html.IsHtml);
        Assert.Equal("utf-8", text.ContentType.Charset, ignoreCase: true);
        Assert.Contains("古籍修复微讲堂", text.Text, StringComparison.Ordinal);
        Assert.Contains("中秋读书会", html.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("只给GL01的活动", html.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{DigestWorld.PublicBaseUrl}/unsubscribe/{readerToken}\"", html.Text, StringComparison.Ordinal);
        Assert.Contains($"{DigestWorld.PublicBaseUrl}/unsubscribe/{readerToken}/preferences", html.Text, StringComparison.Ordinal);
        Assert.Contains($"{DigestWorld.PublicBaseUrl}/unsubscribe/{readerToken}", text.Text, StringComparison.Ordinal);

        var calendars = mixed.Skip(1).Cast<MimePart>().ToList();
        Assert.Equal(2, calendars.Count);
        Assert.All(calendars, part => Assert.Equal("text/calendar", part.ContentType.MimeType));
        using var ics = new MemoryStream();
        await calendars[0].Content!.DecodeToAsync(ics);
        var calendar = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(ics.ToArray()))!;
        var entry = Assert.Single(calendar.Events)!;
        Assert.Equal("古籍修复微讲堂", entry.Summary);
        Assert.Equal("图书馆报告厅", entry.Location);
        Assert.Equal("Asia/Shanghai", entry.DtStart!.TzId);
        Assert.Equal(14, entry.DtStart!.Hour);
        Assert.Equal("PUBLISH", calendar.Method);
    }

    [Fact]
    public async Task A_community_with_no_coming_events_gets_no_email()
    {
        await using var world = await DigestWorld.StartAsync("digest_empty");
        await world.AddReadersAsync("GL02", 1, 3);
        await world.AddEventAsync("只给GL01的活动", 3, "film_salon", "GL01");
        await world.AddEventAsync("太远的活动", 30, "lecture");

        var counts = await world.RunDigestAsync("GL02");

        Assert.Equal(0, counts["events"]);
        Assert.Empty(world.Sandbox.Mail.Messages);
        Assert.Equal(0, await world.ScalarAsync("SELECT count(*) FROM outreach.digest_deliveries"));
    }

    [Fact]
    public async Task Running_a_finished_digest_again_sends_nobody_a_second_copy_and_enrols_readers_who_arrived_since()
    {
        await using var world = await DigestWorld.StartAsync("digest_again");
        await world.AddReadersAsync("GL03", 1, 20);
        await world.AddEventAsync("微讲堂", 1);
        await world.RunDigestAsync("GL03");
        await world.AddReadersAsync("GL03", 21, 2);

        var second = await world.RunDigestAsync("GL03");

        Assert.Equal(2, second["sent"]);
        Assert.Equal(22, world.Sandbox.Mail.Messages.Count);
        Assert.All(world.CopiesByRecipient().Values, copies => Assert.Equal(1, copies));
    }

    [Fact]
    public async Task Two_runs_of_the_same_digest_at_once_send_each_reader_one_copy()
    {
        await using var world = await DigestWorld.StartAsync("digest_parallel");
        await world.AddReadersAsync("GL03", 1, 200);
        await world.AddEventAsync("微讲堂", 1);

        var runs = await Task.WhenAll(world.RunDigestAsync("GL03"), world.RunDigestAsync("GL03"));

        Assert.Equal(200, runs.Sum(r => r.GetValueOrDefault("sent")));
        Assert.Equal(200, world.Sandbox.Mail.Messages.Count);
        Assert.All(world.CopiesByRecipient().Values, copies => Assert.Equal(1, copies));
    }

    [Fact]
    public async Task A_run_cancelled_half_way_and_run_again_sends_every_remaining_reader_exactly_one_copy()
    {
        await using var world = await DigestWorld.StartAsync("digest_cancel", s => s["Outreach:Mail:MessagesPerSecond"] = "200");
        await world.AddReadersAsync("GL03", 1, 300);
        await world.AddEventAsync("微讲堂", 1);
        using var stop = new CancellationTokenSource();

        var first = world.RunDigestAsync("GL03", stop.Token);
        await world.Sandbox.Mail.WaitForCountAsync(100, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        var sentBefore = await world.ScalarAsync("SELECT count(*) FROM outreach.digest_deliveries WHERE status = 'sent'");
        Assert.InRange(sentBefore, 100, 299);
        Assert.Equal(0, await world.ScalarAsync("SELECT count(*) FROM outreach.digest_deliveries WHERE status = 'sending'"));
        Assert.Equal(sentBefore, world.Sandbox.Mail.Messages.Count);
        Assert.Equal("failed", (await world.ScalarTextAsync("SELECT status FROM outreach.job_runs WHERE job = 'digest' ORDER BY id LIMIT 1")));

        var second = await world.RunDigestAsync("GL03");

        Assert.Equal(300 - sentBefore, second["sent"]);
        Assert.Equal(300, world.Sandbox.Mail.Messages.Count);
        Assert.All(world.CopiesByRecipient().Values, copies => Assert.Equal(1, copies));
    }

    [Fact]
    public async Task A_copy_caught_by_a_crash_between_acceptance_and_record_is_reported_on_the_digest_page_and_never_resent()
    {
        var crash = new CrashingMailSender(crashAfter: 40);
        await using var world = await DigestWorld.StartAsync("digest_crash", services: s => crash.Install(s));
        await world.AddReadersAsync("GL03", 1, 120);
        await world.AddEventAsync("微讲堂", 1);

        await Assert.ThrowsAsync<SimulatedCrashException>(() => world.RunDigestAsync("GL03"));
        var stuck = await world.ScalarAsync("SELECT count(*) FROM outreach.digest_deliveries WHERE status = 'sending'");
        Assert.Equal(1, stuck);
        var crashedAddress = await world.ScalarTextAsync("SELECT address FROM outreach.digest_deliveries WHERE status = 'sending'");
        Assert.Contains(crashedAddress, world.CopiesByRecipient().Keys);

        crash.Disarm();
        var rerun = await world.RunDigestAsync("GL03");

        Assert.Equal(1, rerun["stuck_before"]);
        Assert.Equal(120, world.Sandbox.Mail.Messages.Count);
        Assert.All(world.CopiesByRecipient().Values, copies => Assert.Equal(1, copies));
        var board = world.Get<DigestBoard>();
        var digest = Assert.Single(await board.ListAsync(null, "GL03", 10, CancellationToken.None));
        Assert.Equal(1, digest.Stuck);
        Assert.Equal(119, digest.Sent);
        var issue = Assert.Single(await board.IssuesAsync(digest.Id, 10, CancellationToken.None), i => i.Status == "sending");
        Assert.DoesNotContain(crashedAddress, issue.Address, StringComparison.Ordinal);
        Assert.Contains("***", issue.Address, StringComparison.Ordinal);

        // Staff confirm it arrived: recorded as sent, still one copy.
        Assert.True(await world.Get<DeliveryLedger>().ResolveStuckAsync(digest.Id, issue.ReaderId, resend: false, new AuditActor(null, "test-operator", null), CancellationToken.None));
        await world.RunDigestAsync("GL03");
        Assert.Equal(120, world.Sandbox.Mail.Messages.Count);
        Assert.Equal(0, (await board.FindAsync(digest.Id, CancellationToken.None))!.Stuck);
    }

    [Fact]
    public async Task Transient_refusals_are_retried_and_permanent_recipient_refusals_are_recorded_without_retry()
    {
        await using var world = await DigestWorld.StartAsync("digest_faults");
        await world.AddReadersAsync("GL03", 1, 10);
        await world.AddEventAsync("微讲堂", 1);
        world.Sandbox.Faults.Add(FaultRule.SmtpTransient(2, DigestWorld.Address(3)));
        world.Sandbox.Faults.Add(FaultRule.SmtpPermanent(null, DigestWorld.Address(7)));

        var counts = await world.RunDigestAsync("GL03");

        Assert.Equal(9, counts["sent"]);
        Assert.Equal(1, counts["failed"]);
        Assert.Equal(9, world.Sandbox.Mail.Messages.Count);
        Assert.Contains(DigestWorld.Address(3), world.CopiesByRecipient().Keys);
        Assert.DoesNotContain(world.Sandbox.Faults.Active, f => f.Rule.Kind == FaultKind.SmtpTransient);
        var reply = await world.ScalarTextAsync("SELECT smtp_reply FROM outreach.digest_deliveries WHERE status = 'failed'");
        Assert.StartsWith("550", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(DigestWorld.Address(7), reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relay_that_defers_everything_fails_the_run_for_a_retry_that_then_sends_each_copy_once()
    {
        await using var world = await DigestWorld.StartAsync("digest_deferred", s =>
        {
            s["Outreach:Mail:TransientRetries"] = "1";
            s["Outreach:Digests:MaxConsecutiveDeferrals"] = "5";
        });
        await world.AddReadersAsync("GL03", 1, 30);
        await world.AddEventAsync("微讲堂", 1);
        var outage = world.Sandbox.Faults.Add(FaultRule.SmtpTransient(null));

        await Assert.ThrowsAsync<DigestDeferredException>(() => world.RunDigestAsync("GL03"));
        Assert.Empty(world.Sandbox.Mail.Messages);
        Assert.Equal(0, await world.ScalarAsync("SELECT count(*) FROM outreach.digest_deliveries WHERE status <> 'pending'"));

        world.Sandbox.Faults.Remove(outage.Id);
        var retry = await world.RunDigestAsync("GL03");

        Assert.Equal(30, retry["sent"]);
        Assert.All(world.CopiesByRecipient().Values, copies => Assert.Equal(1, copies));
    }
}
