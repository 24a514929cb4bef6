using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Mail;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Orders.Notices;

/// <summary>
/// Sends the notices the ledger holds and has not sent, through the hub's mail sender (Outreach:Mail). Each notice is
/// sent under its ledger row's lock and marked in the same transaction, so two workers never send the same notice; only
/// a crash between the server's "accepted" and the commit can send one twice, and then with the same Message-Id. A
/// send whose outcome is uncertain is not repeated. A reader without an address, or an address the server refuses, is
/// given up with the reason for staff; a deferral is tried again by the next run.
/// </summary>
public sealed partial class ReaderNotices(
    IDueNotices due,
    IMailSender mail,
    NoticeComposer composer,
    IOptionsMonitor<OrdersOptions> options,
    JobRuns runs,
    TimeProvider clock,
    ILogger<ReaderNotices> logger)
{
    public const string JobName = "orders-notify";

    public async Task<IReadOnlyDictionary<string, long>> RunAsync(CancellationToken cancellationToken)
    {
        var runStarted = clock.GetUtcNow();
        var owed = await due.CountAsync(cancellationToken);
        if (owed == 0)
        {
            return new Dictionary<string, long> { ["due"] = 0 };
        }

        return await runs.RunAsync(new RunSubject(JobName, "readers") { IfCancelled = StaffMessage.Of("Cancelled.NoticesNextRun", $"unsent notices go with the next run") },
            run => SendAsync(owed, runStarted, run, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, long>> SendAsync(long owed, DateTimeOffset runStarted, RunScope run, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long> { ["due"] = owed, ["sent"] = 0, ["given_up"] = 0, ["failed"] = 0 };
        run.CountWith(() => counts);
        if (!mail.IsConfigured)
        {
            throw new PermanentJobFailureException(StaffMessage.Of("Notices.MailNotConfigured",
                $"{owed} reader notice(s) wait: set {(MailOptions.SectionPath + ":Host")} and {(MailOptions.SectionPath + ":From")} to send them."));
        }

        StaffMessage? firstError = null;
        await using (var session = mail.OpenSession(connections: 1))
        {
            while (await SendNextAsync(session, runStarted, cancellationToken) is { } outcome)
            {
                counts[outcome.Counter]++;
                if (outcome.Counter == "failed")
                {
                    firstError ??= outcome.Error;
                }
            }
        }

        Log.Sent(logger, counts["sent"], counts["given_up"], counts["failed"]);
        if (counts["failed"] > 0)
        {
            throw run.Incomplete(new RunIncompleteException(StaffMessage.Of("Notices.NotSent",
                $"{counts["failed"]} reader notice(s) could not be sent (first: {firstError}); they are tried again.")));
        }

        await run.SucceedAsync(counts, null, cancellationToken);
        return counts;
    }

    /// <returns>What happened to one due notice, or null when none is left for this run.</returns>
    private async Task<Outcome?> SendNextAsync(IMailSession session, DateTimeOffset runStarted, CancellationToken cancellationToken)
    {
        await using var claim = await due.ClaimNextAsync(runStarted, cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var notice = claim.Notice;
        var outcome = string.IsNullOrWhiteSpace(notice.Email)
            ? Outcome.GivenUp(StaffMessage.Of("Notice.NoAddress", $"the reader has no e-mail address: tell them at the desk"))
            : composer.Compose(notice) is { } message
                ? Judge(await session.SendAsync(message, cancellationToken), claim.Attempts + 1)
                : Outcome.GivenUp(StaffMessage.Of("Notice.BadAddress", $"the reader's e-mail address is not a valid address: correct it in the community's roster"));
        await claim.RecordAsync(outcome.Counter, outcome.Error);
        return outcome;
    }

    private Outcome Judge(SendResult result, int attempt) => result.Status switch
    {
        SendStatus.Accepted => Outcome.Sent,
        SendStatus.Rejected => Outcome.GivenUp(StaffMessage.Of("Notice.Refused", $"the mail server refused it: {result.Reply}")),
        // Sending again might give the reader a second copy: the notice counts as sent, and staff see why.
        SendStatus.Uncertain => Outcome.Sent with
        {
            Error = StaffMessage.Of("Notice.Uncertain", $"the connection broke after the mail server took the message; not sent again: {result.Reply}"),
        },
        _ when attempt >= options.CurrentValue.NoticeMaxAttempts => Outcome.GivenUp(StaffMessage.Of("Notice.GaveUpDeferred", $"deferred {attempt} times; last: {result.Reply}")),
        _ => Outcome.Failed(StaffMessage.Of("Notice.Deferred", $"the mail server deferred it: {result.Reply}")),
    };

    private sealed record Outcome(string Counter, StaffMessage? Error)
    {
        public static readonly Outcome Sent = new("sent", null);

        public static Outcome GivenUp(StaffMessage why) => new("given_up", why);

        public static Outcome Failed(StaffMessage why) => new("failed", why);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Orders + 21, Level = LogLevel.Information, Message = "Reader notices: {Sent} sent, {GivenUp} given up, {Failed} to try again")]
        public static partial void Sent(ILogger logger, long sent, long givenUp, long failed);
    }
}
