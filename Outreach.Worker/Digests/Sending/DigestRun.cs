using Outreach.Worker.Messages;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Mail;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Content;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Jobs;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Digests.Sending;

/// <summary>
/// One community's digest of one ISO week: freeze its content, enrol the readers, then send each pending copy over
/// parallel SMTP connections, claim first and record right after acceptance. Safe to run again at any point: a rerun
/// sends exactly the copies that no earlier run claimed.
/// </summary>
public sealed partial class DigestRun(
    NpgsqlDataSource dataSource,
    DigestPlanner planner,
    DeliveryLedger ledger,
    DigestComposer composer,
    DigestLinks links,
    IMailSender mail,
    JobRuns runs,
    IOptions<DigestOptions> options,
    TimeProvider clock,
    ILogger<DigestRun> logger)
{
    public const string JobName = "digest";

    public async Task<IReadOnlyDictionary<string, long>> RunAsync(string communityCode, IsoWeek week, CancellationToken cancellationToken)
    {
        var community = planner.RequireCommunity(communityCode);
        var scope = $"{community} {week}";
        // A retry next to a staff requeue, or two workers: one run of a digest at a time (the ledger alone would also hold).
        await using var runLock = await AdvisoryLock.AcquireAsync(dataSource, $"digest:{community}:{week}", cancellationToken);
        return await runs.RunAsync(new RunSubject(JobName, scope) { IfCancelled = StaffMessage.Of("Cancelled.DigestRetrySendsRest", $"the copies in flight were recorded, and the retry sends the rest") },
            run => SendDigestAsync(community, week, run, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, long>> SendDigestAsync(string community, IsoWeek week, RunScope run, CancellationToken cancellationToken)
    {
        var content = await planner.PrepareAsync(community, week, run.Id, cancellationToken);
        if (content.Events.Count == 0)
        {
            var none = new Dictionary<string, long> { ["events"] = 0, ["recipients"] = 0 };
            await run.SucceedAsync(none, StaffMessage.Of("Digest.NoEvents", $"No events for {community} in the next {options.Value.HorizonDays} days: no digest sent."), cancellationToken);
            return none;
        }

        if (!mail.IsConfigured)
            throw new PermanentJobFailureException(StaffMessage.Of("Mail.NotConfigured", $"Mail is not configured: set {(MailOptions.SectionPath + ":Host")} and {(MailOptions.SectionPath + ":From")}."));
        links.EnsureConfigured();

        await ledger.EnrolAsync(content.DigestId, community, cancellationToken);
        var recipients = await ledger.CountAsync(content.DigestId, cancellationToken);
        var stuckBefore = await ledger.CountSendingAsync(content.DigestId, cancellationToken);
        var counts = new DigestRunCounts();
        run.CountWith(() => new Dictionary<string, long>(counts.ToDictionary(recipients, stuckBefore)) { ["events"] = content.Events.Count });
        var stopped = await SendAsync(composer.Prepare(content), community, recipients, counts, run, cancellationToken);

        var result = run.Counts;
        Log.Sent(logger, community, run.Subject.Scope, counts.Sent, counts.Failed, counts.Skipped, counts.Deferred, counts.Uncertain);
        // The lanes stop taking copies when cancelled; what they sent is recorded, and the run ends as cancelled.
        cancellationToken.ThrowIfCancellationRequested();
        if (stopped || counts.Deferred > 0)
        {
            throw new DigestDeferredException(stopped
                ? StaffMessage.Of("Digest.RelayStopped",
                    $"The SMTP relay deferred {counts.ConsecutiveDeferrals} messages in a row, so the run stopped ({community} {week}); the retry sends the rest, never a second copy.")
                : StaffMessage.Of("Digest.RelayDeferred",
                    $"{counts.Deferred} message(s) were deferred by the SMTP relay ({community} {week}); the retry sends the rest, never a second copy."));
        }

        await run.SucceedAsync(result, Summary(counts, stuckBefore), cancellationToken);
        return result;
    }

    // True when the run stopped early because the relay kept deferring.
    private async Task<bool> SendAsync(PreparedDigest digest, string community, long recipients, DigestRunCounts counts, RunScope run,
        CancellationToken cancellationToken)
    {
        await using var session = mail.OpenSession();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Claims run a little ahead of the connections so that one durable commit covers several copies. What is claimed
        // and not yet sent is bounded by the batch and the queue: after a graceful stop it goes back to pending; only a
        // hard crash can leave it 'sending', for staff to decide.
        var batch = Math.Max(32, session.Connections * 8);
        var claimed = Channel.CreateBounded<Claim>(new BoundedChannelOptions(batch) { SingleWriter = true });
        var recorder = new DeliveryRecorder(ledger, digest.Content.DigestId);
        var claimer = ClaimAsync(digest, community, batch, claimed.Writer, recorder, counts, stop.Token);
        var lanes = Enumerable.Range(0, session.Connections)
            .Select(_ => Task.Run(() => LaneAsync(digest, session, claimed.Reader, recorder, counts, stop), CancellationToken.None))
            .ToList();
        var progress = ReportProgressAsync(run, recipients, counts, stop.Token);

        try
        {
            await Task.WhenAll(lanes);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(Quietly(claimer), Quietly(progress));
            while (claimed.Reader.TryRead(out var unsent))
                recorder.Add(unsent.ReaderId, OutcomeKind.Released, NotSent);
            await recorder.CompleteAsync();
        }

        return counts.ConsecutiveDeferrals >= options.Value.MaxConsecutiveDeferrals;
    }

    private const string NotSent = "Not sent: the run stopped first";

    private async Task ClaimAsync(PreparedDigest digest, string community, int batch, ChannelWriter<Claim> writer, DeliveryRecorder recorder,
        DigestRunCounts counts, CancellationToken cancellationToken)
    {
        var digestId = digest.Content.DigestId;
        var kinds = digest.Content.Kinds;
        try
        {
            var after = 0L;
            while (!cancellationToken.IsCancellationRequested)
            {
                var claims = await ledger.ClaimAsync(digestId, after, batch, community, kinds);
                for (var i = 0; i < claims.Count; i++)
                {
                    var claim = claims[i];
                    if (claim.Skip is not null)
                    {
                        counts.AddSkipped();
                        continue;
                    }

                    try
                    {
                        await writer.WriteAsync(claim, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        foreach (var unsent in claims.Skip(i).Where(c => c.Skip is null))
                            recorder.Add(unsent.ReaderId, OutcomeKind.Released, NotSent);
                        throw;
                    }
                }

                if (claims.Count < batch)
                    break;
                after = claims[^1].ReaderId;
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task LaneAsync(PreparedDigest digest, IMailSession session, ChannelReader<Claim> claimed, DeliveryRecorder recorder,
        DigestRunCounts counts, CancellationTokenSource stop)
    {
        while (!stop.IsCancellationRequested && await WaitAsync(claimed, stop.Token))
        {
            if (!claimed.TryRead(out var claim))
                continue;

            var readerId = claim.ReaderId;
            var message = digest.Compose(readerId, claim.Address!, claim.Kinds);
            if (message is null)
            {
                recorder.Add(readerId, OutcomeKind.Skipped, SkipReasons.NoMatchingEvents);
                counts.AddSkipped();
                continue;
            }

            SendResult result;
            try
            {
                // Cancellation stops new claims only: a copy handed to the relay is sent and recorded before the lane ends.
                result = await session.SendAsync(message, CancellationToken.None);
            }
            catch (Exception failure)
            {
                // Nobody knows what the server did with it: the row stays 'sending' for staff, and the run fails.
                recorder.Add(readerId, OutcomeKind.Uncertain, SmtpReply.Scrub($"{failure.GetType().Name}: {failure.Message}"));
                counts.AddUncertain();
                await stop.CancelAsync();
                throw;
            }

            switch (result.Status)
            {
                case SendStatus.Accepted:
                    recorder.Add(readerId, OutcomeKind.Sent, result.Reply);
                    counts.AddSent();
                    break;
                case SendStatus.Rejected:
                    recorder.Add(readerId, OutcomeKind.Failed, result.Reply);
                    counts.AddFailed();
                    break;
                case SendStatus.Deferred:
                    recorder.Add(readerId, OutcomeKind.Released, result.Reply);
                    counts.AddDeferred();
                    if (counts.ConsecutiveDeferrals >= options.Value.MaxConsecutiveDeferrals)
                        await stop.CancelAsync();
                    break;
                default:
                    recorder.Add(readerId, OutcomeKind.Uncertain, result.Reply);
                    counts.AddUncertain();
                    break;
            }
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<Claim> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ReportProgressAsync(RunScope run, long recipients, DigestRunCounts counts, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.ProgressInterval, clock, cancellationToken);
            await run.ProgressAsync(recipients == 0 ? 100 : (int)(100 * counts.Done / recipients), cancellationToken);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The run is ending; the producer and progress reporter stop with it.
        }
    }

    private static StaffMessage Summary(DigestRunCounts counts, long stuckBefore)
    {
        var text = StaffMessage.Of("Digest.Sent", $"Sent {counts.Sent}, refused {counts.Failed}, skipped {counts.Skipped}.");
        if (counts.Uncertain > 0)
            text = StaffMessage.Of("Digest.Uncertain", $"{text} {counts.Uncertain} copies may or may not have been accepted (connection lost): see the digest page.");
        if (stuckBefore > 0)
            text = StaffMessage.Of("Digest.StuckBefore", $"{text} {stuckBefore} copies were left 'sending' by an earlier crash and were not resent: see the digest page.");
        return text;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Digests + 1, Level = LogLevel.Information,
            Message = "Digest {Community} ({Scope}): sent {Sent}, refused {Failed}, skipped {Skipped}, deferred {Deferred}, uncertain {Uncertain}")]
        public static partial void Sent(ILogger logger, string community, string scope, long sent, long failed, long skipped, long deferred, long uncertain);
    }
}

/// <summary>The relay deferred copies; Hangfire retries the job later, which sends only those.</summary>
public sealed class DigestDeferredException(StaffMessage said) : RunIncompleteException(said);
