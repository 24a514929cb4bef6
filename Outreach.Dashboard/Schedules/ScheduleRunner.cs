using Hangfire;
using Outreach.Integrations.Logging;
using Outreach.Worker.Audit;
using Outreach.Worker.Jobs;
using Outreach.Worker.Scheduling;

namespace Outreach.Dashboard.Schedules;

/// <summary>"Run now": enqueues a schedule's job with the schedule's arguments, as its trigger would, and records who did.</summary>
public sealed partial class ScheduleRunner(ScheduleCatalog schedules, JobCatalog jobs, IBackgroundJobClient client, AuditTrail audit, ILogger<ScheduleRunner> logger)
{
    /// <summary>The Hangfire job id, or null when there is no such schedule or its job is not part of this version.</summary>
    public async Task<string?> RunNowAsync(string scheduleName, AuditActor staff, CancellationToken cancellationToken)
    {
        if (!schedules.All().TryGetValue(scheduleName, out var schedule) || !jobs.Contains(schedule.Job))
        {
            return null;
        }

        // Hangfire's storage takes the job in a transaction of its own; the entry follows at once.
        var jobId = jobs.Get(schedule.Job).Enqueue(client, new JobArguments(schedule.Arguments));
        await audit.AppendAsync(staff, new AuditEntry(AuditActions.RunNow, "schedule:" + scheduleName,
            new Dictionary<string, string> { ["job"] = schedule.Job, ["hangfire_job"] = jobId }), cancellationToken);
        Log.RunNow(logger, scheduleName, schedule.Job, jobId, staff.StaffId);
        return jobId;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Schedules + 1, Level = LogLevel.Information, Message = "Schedule {Schedule}: {Job} enqueued now as Hangfire job {JobId} by staff account {StaffId}")]
        public static partial void RunNow(ILogger logger, string schedule, string job, string jobId, long? staffId);
    }
}
