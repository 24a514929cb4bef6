using Hangfire.Server;
using Hangfire.States;
using Hangfire.Storage;

namespace Outreach.Worker.Telemetry;

/// <summary>
/// Counts what Hangfire does with the hub's jobs: each execution with its duration and outcome, each job that ends
/// Succeeded or Failed, and (after an execution) the counts of the run rows it finished. Provided per host through DI.
/// </summary>
internal sealed class JobMetricsFilter(OutreachMetrics metrics, RunCountsRecorder runCounts, TimeProvider clock) : IServerFilter, IApplyStateFilter
{
    private const string StartedKey = "outreach.telemetry.started";

    public void OnPerforming(PerformingContext context) =>
        context.Items[StartedKey] = new Started(clock.GetTimestamp(), clock.GetUtcNow());

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(StartedKey, out var value) || value is not Started started)
        {
            return;
        }

        var outcome = context.Exception is null || context.ExceptionHandled ? "succeeded"
            : context.Exception is OperationCanceledException ? "cancelled"
            : "failed";
        metrics.JobPerformed(JobLabels.Of(context.BackgroundJob.Job), outcome, clock.GetElapsedTime(started.Timestamp));
        runCounts.Record(context.BackgroundJob.Id, started.At);
    }

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        var state = context.NewState?.Name;
        if (state == SucceededState.StateName)
        {
            metrics.JobSucceeded(JobLabels.Of(context.BackgroundJob.Job));
        }
        else if (state == FailedState.StateName)
        {
            metrics.JobFailed(JobLabels.Of(context.BackgroundJob.Job));
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    private sealed record Started(long Timestamp, DateTimeOffset At);
}
