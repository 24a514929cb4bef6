using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Time;
using Outreach.Worker.Jobs;
using Quartz;

namespace Outreach.Worker.Scheduling;

/// <summary>
/// Writes the configured schedules and calendars into Quartz's clustered store when a worker starts. A trigger
/// whose definition did not change is left alone, so its misfire state survives a restart.
/// </summary>
internal sealed partial class QuartzScheduleRegistrar(ISchedulerFactory schedulerFactory, ScheduleCatalog schedules, LibraryCalendar library, JobCatalog jobs,
    ILogger<QuartzScheduleRegistrar> logger) : IHostedService
{
    public const string Group = "outreach";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        foreach (var (name, calendar) in schedules.Calendars)
        {
            await scheduler.AddCalendar(name, ScheduleCalendars.Build(calendar, library.Zone), AddCalendarOptions.ReplacingAndUpdatingTriggers, cancellationToken);
        }

        var wanted = new HashSet<JobKey>();
        foreach (var (name, schedule) in schedules.All())
        {
            if (!schedule.Enabled)
            {
                continue;
            }

            if (!jobs.Contains(schedule.Job))
            {
                Log.JobNotAvailable(logger, name, schedule.Job);
                continue;
            }

            var jobKey = new JobKey(name, Group);
            wanted.Add(jobKey);
            var trigger = BuildTrigger(name, schedule, jobKey);
            var existing = await scheduler.GetTrigger(trigger.Key, cancellationToken) as ICronTrigger;
            var existingDetail = await scheduler.GetJobDetail(jobKey, cancellationToken);
            if (existing is not null && existingDetail is not null && SameDefinition(existing, existingDetail, trigger, schedule))
            {
                continue;
            }

            await scheduler.ScheduleJob(BuildJob(jobKey, schedule), [trigger], ScheduleJobOptions.Replacing, cancellationToken);
            Log.Registered(logger, name, schedule.Cron);
        }

        foreach (var stale in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), cancellationToken)).Where(k => !wanted.Contains(k)))
        {
            await scheduler.DeleteJob(stale, cancellationToken);
            Log.Removed(logger, stale.Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IJobDetail BuildJob(JobKey key, ScheduleOptions schedule)
    {
        var builder = JobBuilder.Create<EnqueueScheduledJob>()
            .WithIdentity(key)
            .WithDescription(schedule.Description)
            .UsingJobData(EnqueueScheduledJob.JobKey, schedule.Job)
            .StoreDurably();
        foreach (var (argument, value) in schedule.Arguments)
        {
            builder.UsingJobData(EnqueueScheduledJob.ArgumentPrefix + argument, value);
        }

        return builder.Build();
    }

    private ICronTrigger BuildTrigger(string name, ScheduleOptions schedule, JobKey jobKey)
    {
        var builder = TriggerBuilder.Create()
            .WithIdentity(name, Group)
            .ForJob(jobKey)
            .WithSchedule(CronScheduleBuilder.Create(schedule.Cron)
                .InTimeZone(library.Zone)
                .WithMisfireInstruction(schedule.Misfire == MisfirePolicy.Skip
                    ? CronTriggerMisfireInstruction.DoNothing
                    : CronTriggerMisfireInstruction.FireAndProceed));
        if (!string.IsNullOrEmpty(schedule.Calendar))
        {
            builder.WithCalendarName(schedule.Calendar);
        }

        return (ICronTrigger)builder.Build();
    }

    private static bool SameDefinition(ICronTrigger existing, IJobDetail existingDetail, ICronTrigger wanted, ScheduleOptions schedule) =>
        existing.CronExpressionString == wanted.CronExpressionString
        && existing.TimeZone.Id == wanted.TimeZone.Id
        && existing.CalendarName == wanted.CalendarName
        && existing.MisfireInstruction == wanted.MisfireInstruction
        && existingDetail.JobDataMap.GetString(EnqueueScheduledJob.JobKey) == schedule.Job
        && existingDetail.JobDataMap.Count == schedule.Arguments.Count + 1
        && schedule.Arguments.All(a => existingDetail.JobDataMap.GetString(EnqueueScheduledJob.ArgumentPrefix + a.Key) == a.Value);

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Scheduling + 11, Level = LogLevel.Information, Message = "Schedule {Schedule} registered ({Cron})")]
        public static partial void Registered(ILogger logger, string schedule, string cron);

        [LoggerMessage(EventId = LogEvents.Scheduling + 12, Level = LogLevel.Information, Message = "Schedule {Schedule} removed: no longer configured")]
        public static partial void Removed(ILogger logger, string schedule);

        [LoggerMessage(EventId = LogEvents.Scheduling + 13, Level = LogLevel.Warning, Message = "Schedule {Schedule} is not active: job {Job} is not part of this version")]
        public static partial void JobNotAvailable(ILogger logger, string schedule, string job);
    }
}
