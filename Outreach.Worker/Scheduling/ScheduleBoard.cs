using Outreach.Integrations.Time;
using Outreach.Worker.Jobs;
using Quartz;

namespace Outreach.Worker.Scheduling;

/// <summary>One schedule as staff see it.</summary>
public sealed record ScheduleView(
    string Name,
    string Job,
    JobArguments Arguments,
    string Cron,
    string? Calendar,
    string? Description,
    bool Enabled,
    bool JobAvailable,
    DateTimeOffset? PreviousFire,
    string? PreviousJobId,
    IReadOnlyList<DateTimeOffset> NextFires);

/// <summary>Lists the schedules with their previous and next fire times (in the library's time zone).</summary>
public sealed class ScheduleBoard(ScheduleCatalog schedules, JobCatalog jobs, ScheduleSlotLedger ledger, LibraryCalendar library)
{
    public async Task<IReadOnlyList<ScheduleView>> ListAsync(int nextCount, CancellationToken cancellationToken)
    {
        var latest = await ledger.LatestAsync(cancellationToken);
        return schedules.All().Select(entry =>
        {
            var (name, schedule) = entry;
            latest.TryGetValue(name, out var previous);
            return new ScheduleView(
                name,
                schedule.Job,
                new JobArguments(schedule.Arguments),
                schedule.Cron,
                string.IsNullOrEmpty(schedule.Calendar) ? null : schedule.Calendar,
                schedule.Description,
                schedule.Enabled,
                jobs.Contains(schedule.Job),
                previous == default ? null : library.Local(previous.Slot),
                previous.JobId,
                schedule.Enabled ? NextFires(schedule, nextCount) : []);
        }).ToList();
    }

    /// <summary>The next fire times of a schedule from now, honouring its calendar.</summary>
    public IReadOnlyList<DateTimeOffset> NextFires(ScheduleOptions schedule, int count)
    {
        var cron = new CronExpression(schedule.Cron, library.Zone);
        var calendar = string.IsNullOrEmpty(schedule.Calendar) ? null : ScheduleCalendars.Build(schedules.Calendars[schedule.Calendar], library.Zone);
        var fires = new List<DateTimeOffset>(count);
        var after = library.Now;
        // Bounded: a calendar that excludes every fire time must not loop for ever.
        for (var probe = 0; fires.Count < count && probe < 10_000; probe++)
        {
            var next = cron.GetNextValidTimeAfter(after);
            if (next is null)
            {
                break;
            }

            if (calendar is null || calendar.IsTimeIncluded(next.Value))
            {
                fires.Add(library.Local(next.Value));
            }

            after = next.Value;
        }

        return fires;
    }
}
