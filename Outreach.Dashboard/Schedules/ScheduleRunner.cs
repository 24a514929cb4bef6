using Hangfire;
using Outreach.Integrations.Logging;
using Outreach.Worker.Jobs;
using Outreach.Worker.Scheduling;

namespace Outreach.Dashboard.Schedules;

/// <summary>"Run now": enqueues a schedule's job with the schedule's arguments, as its trigger would.</summary>
public sealed partial class ScheduleRunner(ScheduleCatalog schedules, JobCatalog jobs, IBackgroundJobClient client, ILogger<ScheduleRunner> logger)
{
    /// <summary>The Hangfire job id, or null when there is no such schedule or its job is not part of this version.</summary>
    public string? RunNow(string scheduleName, long? staffId)
    {
        if (!schedules.All().TryGetValue(scheduleName, out var schedule) || !jobs.Contains(schedule.Job))
        {
            return null;
        }

        var jobId = jobs.Get(schedule.Job).Enqueue(client, new JobArguments(schedule.Arguments));
        Log.RunNow(logger, scheduleName, schedule.Job, jobId, staffId);
        return jobId;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Schedules + 1, Level = LogLevel.Information, Message = "Schedule {Schedule}: {Job} enqueued now as Hangfire job {JobId} by staff account {StaffId}")]
        public static partial void RunNow(ILogger logger, string schedule, string job, string jobId, long? staffId);
    }
}
