using Microsoft.Extensions.Options;
using Outreach.Worker.Jobs;
using Quartz;

namespace Outreach.Worker.Scheduling;

/// <summary>Refuses a configuration with a bad cron, an unknown calendar or job argument, naming the key.</summary>
internal sealed class SchedulingOptionsValidator(JobCatalog catalog) : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        var failures = new List<string>();
        foreach (var (calendarName, calendar) in options.Calendars)
        {
            foreach (var window in calendar.MaintenanceWindows.Where(w => !CronExpression.TryParse(w, out _)))
            {
                failures.Add($"Outreach:Calendars:{calendarName}:MaintenanceWindows '{window}' is not a valid Quartz cron expression.");
            }
        }

        foreach (var (scheduleName, schedule) in options.Schedules)
        {
            var key = $"Outreach:Schedules:{scheduleName}";
            if (string.IsNullOrWhiteSpace(schedule.Job))
            {
                failures.Add($"{key}:Job is required.");
            }

            if (!CronExpression.TryParse(schedule.Cron, out _))
            {
                failures.Add($"{key}:Cron '{schedule.Cron}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week).");
            }

            if (!string.IsNullOrEmpty(schedule.Calendar) && !options.Calendars.ContainsKey(schedule.Calendar))
            {
                failures.Add($"{key}:Calendar '{schedule.Calendar}' is not defined under Outreach:Calendars.");
            }

            if (catalog.Contains(schedule.Job))
            {
                var job = catalog.Get(schedule.Job);
                foreach (var argument in schedule.Arguments.Keys.Where(a => !job.Parameters.Any(p => string.Equals(p.Name, a, StringComparison.OrdinalIgnoreCase))))
                {
                    failures.Add($"{key}:Arguments:{argument} is not an argument of the job '{schedule.Job}'.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
