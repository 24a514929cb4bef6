using Hangfire;
using Microsoft.Extensions.Logging;
using Outreach.Integrations.Logging;
using Outreach.Worker.Jobs;
using Quartz;

namespace Outreach.Worker.Scheduling;

/// <summary>
/// What a fired Quartz trigger does: enqueue the schedule's Hangfire job once for this fire slot. Quartz decides
/// when; Hangfire runs, retries and shows.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class EnqueueScheduledJob(JobCatalog catalog, ScheduleSlotLedger ledger, IBackgroundJobClient client,
    ILogger<EnqueueScheduledJob> logger) : IJob
{
    public const string JobKey = "job";
    public const string ArgumentPrefix = "arg.";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var schedule = context.JobDetail.Key.Name;
        var data = context.MergedJobDataMap;
        var jobName = data.GetString(JobKey) ?? throw new InvalidOperationException($"Schedule {schedule} names no job.");
        var arguments = new JobArguments(data.Keys
            .Where(k => k.StartsWith(ArgumentPrefix, StringComparison.Ordinal))
            .ToDictionary(k => k[ArgumentPrefix.Length..], k => data.GetString(k) ?? ""));
        var slot = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var job = catalog.Get(jobName);

        var jobId = await ledger.EnqueueOnceAsync(schedule, slot, jobName, context.Scheduler.SchedulerInstanceId,
            () => job.Enqueue(client, arguments), cancellationToken);
        if (jobId is null)
        {
            Log.SlotAlreadyTaken(logger, schedule, slot);
        }
        else
        {
            Log.Enqueued(logger, schedule, slot, jobName, jobId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Scheduling + 1, Level = LogLevel.Information, Message = "Schedule {Schedule} slot {Slot:o}: enqueued {Job} as Hangfire job {JobId}")]
        public static partial void Enqueued(ILogger logger, string schedule, DateTimeOffset slot, string job, string jobId);

        [LoggerMessage(EventId = LogEvents.Scheduling + 2, Level = LogLevel.Information, Message = "Schedule {Schedule} slot {Slot:o} was already enqueued; nothing to do")]
        public static partial void SlotAlreadyTaken(ILogger logger, string schedule, DateTimeOffset slot);
    }
}
