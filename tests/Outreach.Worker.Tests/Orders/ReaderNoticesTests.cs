using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Outreach.Integrations.Mail;
using Outreach.Worker.Communities;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;
using Outreach.Worker.Orders;
using Outreach.Worker.Orders.Notices;
using Outreach.Worker.Tests.Jobs;

namespace Outreach.Worker.Tests.Orders;

/// <summary>Reader notices with their ports substituted: the due notices, the mail sender and the run log.</summary>
public sealed class ReaderNoticesTests
{
    private const long RunId = 11;

    private readonly IDueNotices _due = Substitute.For<IDueNotices>();
    private readonly IMailSender _mail = Substitute.For<IMailSender>();
    private readonly IMailSession _session = Substitute.For<IMailSession>();
    private readonly IRunLog _runs = Substitute.For<IRunLog>();
    private readonly ReaderNotices _notices;

    public ReaderNoticesTests()
    {
        _mail.IsConfigured.Returns(true);
        _mail.OpenSession(1).Returns(_session);
        _due.CountAsync(Arg.Any<CancellationToken>()).Returns(1);
        _runs.StartAsync(ReaderNotices.JobName, "readers", Arg.Any<CancellationToken>()).Returns(RunId);
        var orders = Monitor(new OrdersOptions { NoticeMaxAttempts = 3 });
        var composer = new NoticeComposer(orders, Monitor(new CommunityCatalogOptions()), Monitor(new MailOptions { Host = "127.0.0.1", From = "library@lib.example.cn" }));
        _notices = new ReaderNotices(_due, _mail, composer, orders, new JobRuns(_runs, NullLogger<JobRuns>.Instance), TimeProvider.System,
            NullLogger<ReaderNotices>.Instance);
    }

    [Fact]
    public async Task A_due_notice_is_mailed_and_recorded_as_sent()
    {
        var claim = Due(attempts: 0);
        _session.SendAsync(Arg.Any<OutgoingMail>(), Arg.Any<CancellationToken>()).Returns(new SendResult(SendStatus.Accepted, "250 2.0.0 queued", 1));

        var counts = await _notices.RunAsync(CancellationToken.None);

        Assert.Equal((1L, 1L, 0L, 0L), (counts["due"], counts["sent"], counts["given_up"], counts["failed"]));
        await _session.Received(1).SendAsync(Arg.Is<OutgoingMail>(m => m.Recipient == "reader@example.cn" && m.Message.MessageId == "OR-1.ready_for_pickup@lib.example.cn"),
            Arg.Any<CancellationToken>());
        await claim.Received(1).RecordAsync("sent", null);
        await _runs.Received(1).FinishAsync(RunId, RunStatus.Succeeded, counts, null, Arg.Any<CancellationToken>(), null);
    }

    [Fact]
    public async Task A_reader_without_an_address_is_given_up_for_the_desk_and_nothing_is_mailed()
    {
        var claim = Due(attempts: 0, email: "");

        var counts = await _notices.RunAsync(CancellationToken.None);

        Assert.Equal(1, counts["given_up"]);
        await claim.Received(1).RecordAsync("given_up", Arg.Is<StaffMessage?>(m => m!.English == "the reader has no e-mail address: tell them at the desk"));
        await _session.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
    }

    [Fact]
    public async Task A_deferred_notice_is_tried_again_later_and_fails_the_run_for_hangfire_to_retry()
    {
        var claim = Due(attempts: 1);
        _session.SendAsync(Arg.Any<OutgoingMail>(), Arg.Any<CancellationToken>()).Returns(new SendResult(SendStatus.Deferred, "451 4.3.0 try later", 3));

        var failure = await Assert.ThrowsAsync<RunIncompleteException>(() => _notices.RunAsync(CancellationToken.None));

        Assert.Equal("1 reader notice(s) could not be sent (first: the mail server deferred it: 451 4.3.0 try later); they are tried again.", failure.Message);
        await claim.Received(1).RecordAsync("failed", Arg.Is<StaffMessage?>(m => m!.English == "the mail server deferred it: 451 4.3.0 try later"));
        await _runs.Received(1).FinishAsync(RunId, RunStatus.Failed, Arg.Is<IReadOnlyDictionary<string, long>>(c => c["failed"] == 1), Said.English(failure.Message),
            CancellationToken.None, null);
    }

    [Fact]
    public async Task A_notice_deferred_on_its_last_attempt_is_given_up_with_the_last_reply()
    {
        var claim = Due(attempts: 2);
        _session.SendAsync(Arg.Any<OutgoingMail>(), Arg.Any<CancellationToken>()).Returns(new SendResult(SendStatus.Deferred, "451 4.3.0 try later", 3));

        var counts = await _notices.RunAsync(CancellationToken.None);

        Assert.Equal(1, counts["given_up"]);
        await claim.Received(1).RecordAsync("given_up", Arg.Is<StaffMessage?>(m => m!.English == "deferred 3 times; last: 451 4.3.0 try later"));
    }

    [Fact]
    public async Task A_send_whose_outcome_is_uncertain_counts_as_sent_and_is_never_repeated()
    {
        var claim = Due(attempts: 0);
        _session.SendAsync(Arg.Any<OutgoingMail>(), Arg.Any<CancellationToken>()).Returns(new SendResult(SendStatus.Uncertain, "connection lost after DATA", 1));

        var counts = await _notices.RunAsync(CancellationToken.None);

        Assert.Equal(1, counts["sent"]);
        await claim.Received(1).RecordAsync("sent", Arg.Is<StaffMessage?>(m => m!.English == "the connection broke after the mail server took the message; not sent again: connection lost after DATA"));
    }

    [Fact]
    public async Task Without_mail_configured_the_notices_wait_and_the_run_goes_straight_to_failed_saying_what_to_set()
    {
        _mail.IsConfigured.Returns(false);

        var failure = await Assert.ThrowsAsync<PermanentJobFailureException>(() => _notices.RunAsync(CancellationToken.None));

        Assert.Equal("1 reader notice(s) wait: set Outreach:Mail:Host and Outreach:Mail:From to send them.", failure.Message);
        _mail.DidNotReceiveWithAnyArgs().OpenSession(default);
    }

    [Fact]
    public async Task With_nothing_due_no_run_is_written_and_no_connection_opened()
    {
        _due.CountAsync(Arg.Any<CancellationToken>()).Returns(0);

        Assert.Equal(0, (await _notices.RunAsync(CancellationToken.None))["due"]);

        await _runs.DidNotReceiveWithAnyArgs().StartAsync(default!, default!, default);
        _mail.DidNotReceiveWithAnyArgs().OpenSession(default);
    }

    private IClaimedNotice Due(int attempts, string email = "reader@example.cn")
    {
        var claim = Substitute.For<IClaimedNotice>();
        claim.Notice.Returns(new NoticeSubject("OR-1", NoticeKind.ReadyForPickup, "红楼梦", "library_desk", null, null, "邱叶", email));
        claim.Attempts.Returns(attempts);
        _due.ClaimNextAsync(Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(claim, [null]);
        return claim;
    }

    private static IOptionsMonitor<T> Monitor<T>(T value)
    {
        var monitor = Substitute.For<IOptionsMonitor<T>>();
        monitor.CurrentValue.Returns(value);
        return monitor;
    }
}
