using Microsoft.Extensions.Options;

namespace Outreach.Worker.Scheduling;

/// <summary>Adds schedules that follow from other configuration (e.g. one roster sync per community).</summary>
public interface IScheduleContributor
{
    IEnumerable<KeyValuePair<string, ScheduleOptions>> Schedules();
}

/// <summary>All schedules: those configured under Outreach:Schedules and those contributed by job families.</summary>
public sealed class ScheduleCatalog(IOptions<SchedulingOptions> options, IEnumerable<IScheduleContributor> contributors)
{
    public IReadOnlyDictionary<string, CalendarOptions> Calendars => options.Value.Calendars;

    public IReadOnlyDictionary<string, ScheduleOptions> All()
    {
        var all = new SortedDictionary<string, ScheduleOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, schedule) in contributors.SelectMany(c => c.Schedules()))
        {
            all[name] = schedule;
        }

        // Explicit configuration wins over a contributed default of the same name.
        foreach (var (name, schedule) in options.Value.Schedules)
        {
            all[name] = schedule;
        }

        return all;
    }
}
