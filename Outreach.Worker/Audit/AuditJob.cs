using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Audit;

/// <summary>
/// The audit job (<c>run audit</c>, daily): verifies the whole chain, then prunes what is older than the retention
/// period. A broken chain fails the job with the entries that broke it, and nothing is pruned: the evidence stays.
/// The head's number and hash go to the operators' log, outside the database, as an anchor to compare later.
/// </summary>
public sealed partial class AuditJob(AuditChain chain, AuditRetention retention, JobRunLog runs, IOptionsMonitor<AuditOptions> options,
    TimeProvider clock, ILogger<AuditJob> logger)
{
    public const string Name = "audit";

    [DisplayName("Verify and prune the audit trail")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var runId = await runs.StartAsync(Name, "all", cancellationToken);
        var counts = new Dictionary<string, long>();
        try
        {
            var verification = await chain.VerifyAsync(cancellationToken);
            counts["entries_checked"] = verification.Checked;
            counts["breaks"] = verification.Breaks.Count;
            if (!verification.Intact)
            {
                var where = string.Join(", ", verification.Breaks.Take(10).Select(b => $"entry {b.EntryId} ({b.Problem})"));
                var message = string.Create(CultureInfo.InvariantCulture,
                    $"The audit trail does not verify: {where}. Nothing was pruned. Compare with the database's backups and the head hashes in the worker's log.");
                Log.Broken(logger, verification.Breaks.Count, verification.Breaks[0].EntryId);
                await runs.FinishAsync(runId, RunStatus.Failed, counts, message, CancellationToken.None);
                throw new PermanentJobFailureException(message);
            }

            Log.Verified(logger, verification.HeadId, verification.HeadHash);
            counts["entries_pruned"] = await retention.PruneAsync(clock.GetUtcNow().AddDays(-options.CurrentValue.RetentionDays), cancellationToken);
            await runs.FinishAsync(runId, RunStatus.Succeeded, counts,
                string.Create(CultureInfo.InvariantCulture, $"{verification.Checked} entries verified through {verification.HeadId}; {counts["entries_pruned"]} pruned."),
                cancellationToken);
        }
        catch (Exception failure) when (failure is not PermanentJobFailureException)
        {
            await runs.FinishAsync(runId, RunStatus.Failed, counts, failure is OperationCanceledException ? "Cancelled." : failure.Message, CancellationToken.None);
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Audit trail verified through entry {HeadId}, head hash {HeadHash}")]
        public static partial void Verified(ILogger logger, long headId, string headHash);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Audit trail does not verify: {Breaks} break(s), the first at entry {EntryId}")]
        public static partial void Broken(ILogger logger, int breaks, long entryId);
    }
}
