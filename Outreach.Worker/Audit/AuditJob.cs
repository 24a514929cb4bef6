using Outreach.Worker.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Logging;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Audit;

/// <summary>
/// The audit job (<c>run audit</c>, daily): verifies the whole chain, then prunes what is older than the retention
/// period. A broken chain fails the job with the entries that broke it, and nothing is pruned: the evidence stays.
/// The head's number and hash go to the operators' log, outside the database, as an anchor to compare later.
/// </summary>
public sealed partial class AuditJob(AuditChain chain, AuditRetention retention, JobRuns runs, IOptionsMonitor<AuditOptions> options,
    TimeProvider clock, ILogger<AuditJob> logger)
{
    public const string Name = "audit";

    public Task RunAsync(CancellationToken cancellationToken) =>
        runs.RunAsync(new RunSubject(Name, "all"), run => VerifyAndPruneAsync(run, cancellationToken), cancellationToken);

    private async Task VerifyAndPruneAsync(RunScope run, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>();
        run.CountWith(() => counts);
        var verification = await chain.VerifyAsync(cancellationToken);
        counts["entries_checked"] = verification.Checked;
        counts["breaks"] = verification.Breaks.Count;
        if (!verification.Intact)
        {
            var where = string.Join(", ", verification.Breaks.Take(10).Select(b => $"entry {b.EntryId} ({b.Problem})"));
            Log.Broken(logger, verification.Breaks.Count, verification.Breaks[0].EntryId);
            throw new PermanentJobFailureException(StaffMessage.Of("Audit.Broken",
                $"The audit trail does not verify: {where}. Nothing was pruned. Compare with the database's backups and the head hashes in the worker's log."));
        }

        Log.Verified(logger, verification.HeadId, verification.HeadHash);
        counts["entries_pruned"] = await retention.PruneAsync(clock.GetUtcNow().AddDays(-options.CurrentValue.RetentionDays), cancellationToken);
        await run.SucceedAsync(counts,
            StaffMessage.Of("Audit.Verified", $"{verification.Checked} entries verified through {verification.HeadId}; {counts["entries_pruned"]} pruned."),
            cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Audit + 1, Level = LogLevel.Information, Message = "Audit trail verified through entry {HeadId}, head hash {HeadHash}")]
        public static partial void Verified(ILogger logger, long headId, string headHash);

        [LoggerMessage(EventId = LogEvents.Audit + 2, Level = LogLevel.Error, Message = "Audit trail does not verify: {Breaks} break(s), the first at entry {EntryId}")]
        public static partial void Broken(ILogger logger, int breaks, long entryId);
    }
}
