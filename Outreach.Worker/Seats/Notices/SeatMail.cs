using Microsoft.Extensions.Logging;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Mail;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Seats.Notices;

/// <summary>
/// Sends the seat notices owed, each once: claimed (pending → sending) in a statement of its own, sent, and recorded right
/// after the server's answer. A retry, a staff requeue or a second worker finds nothing pending that another took; a
/// deferral goes back to pending for the next run, a refusal is recorded, an uncertain send stays 'sending' for staff.
/// </summary>
public sealed partial class SeatMail(SeatNoticeLedger ledger, SeatNoticeComposer composer, IMailSender mail, DigestLinks links, JobRuns runs,
    TimeProvider clock, ILogger<SeatMail> logger)
{
    public const string JobName = "seats-mail";
    private const int Batch = 50;

    public async Task<IReadOnlyDictionary<string, long>> RunAsync(CancellationToken cancellationToken)
    {
        var runStarted = clock.GetUtcNow();
        var owed = await ledger.CountPendingAsync(cancellationToken);
        if (owed == 0)
        {
            return new Dictionary<string, long> { ["due"] = 0 };
        }

        return await runs.RunAsync(new RunSubject(JobName, "readers") { IfCancelled = StaffMessage.Of("Cancelled.NoticesNextRun", $"unsent notices go with the next run") },
            run => SendAsync(owed, runStarted, run, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, long>> SendAsync(long owed, DateTimeOffset runStarted, RunScope run, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long> { ["due"] = owed, ["sent"] = 0, ["skipped"] = 0, ["failed"] = 0, ["deferred"] = 0, ["uncertain"] = 0 };
        run.CountWith(() => counts);
        if (!mail.IsConfigured)
        {
            throw new PermanentJobFailureException(StaffMessage.Of("Seats.MailNotConfigured",
                $"{owed} seat notice(s) wait: set {(MailOptions.SectionPath + ":Host")} and {(MailOptions.SectionPath + ":From")} to send them."));
        }

        links.EnsureConfigured();
        await using (var session = mail.OpenSession(connections: 1))
        {
            while (!cancellationToken.IsCancellationRequested && await ledger.ClaimAsync(Batch, runStarted) is { Count: > 0 } claims)
            {
                foreach (var notice in claims)
                {
                    // Claimed notices are all settled, even when the run is being stopped: a claim left alone would wait for staff.
                    var (outcome, reply) = cancellationToken.IsCancellationRequested
                        ? (SeatNoticeOutcome.Released, "the run stopped first")
                        : await SendOneAsync(session, notice, cancellationToken);
                    await ledger.RecordAsync(notice.Id, outcome, reply);
                    counts[outcome switch
                    {
                        SeatNoticeOutcome.Sent => "sent",
                        SeatNoticeOutcome.Skipped => "skipped",
                        SeatNoticeOutcome.Failed => "failed",
                        SeatNoticeOutcome.Released => "deferred",
                        _ => "uncertain",
                    }]++;
                }
            }
        }

        Log.Sent(logger, counts["sent"], counts["skipped"], counts["failed"], counts["deferred"]);
        cancellationToken.ThrowIfCancellationRequested();
        if (counts["deferred"] > 0)
        {
            throw run.Incomplete(new RunIncompleteException(StaffMessage.Of("Seats.NoticesDeferred",
                $"{counts["deferred"]} seat notice(s) were deferred by the mail server; they are tried again.")));
        }

        await run.SucceedAsync(counts, null, cancellationToken);
        return counts;
    }

    private async Task<(SeatNoticeOutcome, string)> SendOneAsync(IMailSession session, ClaimedSeatNotice notice, CancellationToken cancellationToken)
    {
        if (!SeatNoticeComposer.StillHolds(notice, clock.GetUtcNow()))
        {
            return (SeatNoticeOutcome.Skipped, "stale: the reader's place changed before it was sent");
        }

        if (notice.Bounced)
        {
            return (SeatNoticeOutcome.Skipped, "bounced: the address is suppressed");
        }

        if (composer.Compose(notice) is not { } message)
        {
            return (SeatNoticeOutcome.Skipped, "no_address: the reader has no valid e-mail address");
        }

        var result = await session.SendAsync(message, cancellationToken);
        return result.Status switch
        {
            SendStatus.Accepted => (SeatNoticeOutcome.Sent, result.Reply),
            SendStatus.Rejected => (SeatNoticeOutcome.Failed, result.Reply),
            SendStatus.Deferred => (SeatNoticeOutcome.Released, result.Reply),
            _ => (SeatNoticeOutcome.Uncertain, "the connection broke after the server took the message; not sent again: " + result.Reply),
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Seats + 2, Level = LogLevel.Information,
            Message = "Seat notices: {Sent} sent, {Skipped} skipped, {Failed} refused, {Deferred} deferred")]
        public static partial void Sent(ILogger logger, long sent, long skipped, long failed, long deferred);
    }
}
