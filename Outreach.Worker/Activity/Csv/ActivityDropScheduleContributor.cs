using Microsoft.Extensions.Options;
using Outreach.Worker.Scheduling;

namespace Outreach.Worker.Activity.Csv;

/// <summary>Reads the activity drop folder on its schedule (Outreach:Activity:DropSchedule) when a folder is configured.</summary>
internal sealed class ActivityDropScheduleContributor(IOptions<ActivityOptions> options) : IScheduleContributor
{
    public IEnumerable<KeyValuePair<string, ScheduleOptions>> Schedules()
    {
        if (!options.Value.HasDropFolder)
        {
            yield break;
        }

        yield return KeyValuePair.Create("activity-import", new ScheduleOptions
        {
            Job = ActivityDropImport.JobName,
            Cron = options.Value.DropSchedule,
            Description = "Read activity files (visits, loans, e-resource sessions, attendance) from the drop folder",
        });
    }
}
