using Outreach.Worker.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Mail;
using Outreach.Worker.Digests.Consent;
using Outreach.Worker.Digests.Content;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Digests.Preferences;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Digests.Bounces;

/// <summary>
/// The bounces job: reads the bounce mailbox, records each delivery status notification against its delivery (by the
/// VERP tag of the address it came back to, or the tracking header of the returned message), carries out mailto
/// unsubscribe requests, and removes what it recorded. Running it twice records nothing twice.
/// </summary>
public sealed partial class BounceMailboxJob(
    IBounceMailbox mailbox,
    BounceRecorder bounces,
    MailPreferences preferences,
    DigestTokens tokens,
    IOptions<MailOptions> mail,
    JobRuns runs,
    ILogger<BounceMailboxJob> logger)
{
    public const string JobName = "bounces";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!mailbox.IsConfigured)
            throw new PermanentJobFailureException(StaffMessage.Of("Bounces.NotConfigured",
                $"The bounce mailbox is not configured: set {(BounceMailboxOptions.SectionPath + ":Host")}, {(BounceMailboxOptions.SectionPath + ":Username")} and {(BounceMailboxOptions.SectionPath + ":Password")}."));

        await runs.RunAsync(new RunSubject(JobName, "mailbox") { IfCancelled = StaffMessage.Of("Cancelled.MailboxReadAgain", $"the next run reads the mailbox again and records nothing twice") },
            run => ReadAsync(run, cancellationToken), cancellationToken);
    }

    private async Task ReadAsync(RunScope run, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long> { ["read"] = 0, ["hard"] = 0, ["soft"] = 0, ["suppressed"] = 0, ["unmatched"] = 0, ["unsubscribed"] = 0, ["ignored"] = 0, ["duplicates"] = 0 };
        run.CountWith(() => counts);
        await using var session = await mailbox.OpenAsync(cancellationToken);
        var done = new List<uint>();
        var ignored = new List<uint>();
        await foreach (var item in session.ReadNewAsync(cancellationToken))
        {
            counts["read"]++;
            if (await HandleAsync(item.Message, counts, cancellationToken))
                done.Add(item.Id);
            else
                ignored.Add(item.Id);
        }

        // Recorded first, removed after: a crash in between reads them again, and the report keys make that harmless.
        await session.RemoveAsync(done, cancellationToken);
        await session.MarkSeenAsync(ignored, cancellationToken);
        counts["ignored"] = ignored.Count;
        await run.SucceedAsync(counts,
            StaffMessage.Of("Bounces.Read", $"Read {counts["read"]}: {counts["hard"]} hard and {counts["soft"]} soft bounce(s), {counts["suppressed"]} address(es) no longer mailed, {counts["unsubscribed"]} unsubscribe request(s); {ignored.Count} other message(s) left in the mailbox."),
            cancellationToken);
        Log.Read(logger, counts["read"], counts["hard"], counts["soft"], counts["suppressed"]);
    }

    // True when the message was recorded (and may be removed); false for mail that is neither a DSN nor an unsubscribe request.
    private async Task<bool> HandleAsync(MimeMessage message, Dictionary<string, long> counts, CancellationToken cancellationToken)
    {
        var bounceAddress = mail.Value.BounceAddress ?? mail.Value.From ?? "";
        var report = DeliveryStatusReport.Parse(message, bounceAddress);
        if (report is not null)
        {
            var delivery = DeliveryOf(report);
            foreach (var recipient in report.Recipients)
            {
                var outcome = await bounces.RecordAsync(report.ReportKey, delivery, recipient, cancellationToken);
                if (outcome == BounceOutcome.Duplicate)
                {
                    counts["duplicates"]++;
                    continue;
                }

                counts[recipient.Kind == BounceKind.Hard ? "hard" : "soft"]++;
                if (delivery is null)
                    counts["unmatched"]++;
                if (outcome == BounceOutcome.Suppressed)
                    counts["suppressed"]++;
            }

            return true;
        }

        var subject = message.Subject?.Trim() ?? "";
        if (subject.StartsWith(DigestLinks.MailtoSubjectPrefix, StringComparison.OrdinalIgnoreCase)
            && tokens.TryReadReader(subject[DigestLinks.MailtoSubjectPrefix.Length..].Trim(), out var readerId) && readerId > 0)
        {
            if (await preferences.UnsubscribeAsync(readerId, ConsentSources.UnsubscribeMail, cancellationToken))
                counts["unsubscribed"]++;
            return true;
        }

        return false;
    }

    private DeliveryKey? DeliveryOf(DeliveryStatusReport report)
    {
        if (tokens.TryReadDelivery(report.VerpTag, out var byVerp))
            return byVerp;
        if (report.OriginalHeaders.TryGetValue(DigestComposer.DeliveryHeader, out var header) && tokens.TryReadDelivery(header, out var byHeader))
            return byHeader;
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Digests + 21, Level = LogLevel.Information,
            Message = "Bounce mailbox: read {Read}, {Hard} hard and {Soft} soft bounce(s), {Suppressed} address(es) suppressed")]
        public static partial void Read(ILogger logger, long read, long hard, long soft, long suppressed);
    }
}
