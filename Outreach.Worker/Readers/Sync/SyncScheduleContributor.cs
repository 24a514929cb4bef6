using Microsoft.Extensions.Options;
using Outreach.Worker.Communities;
using Outreach.Worker.Scheduling;

namespace Outreach.Worker.Readers.Sync;

/// <summary>One nightly roster-sync schedule per configured community ("sync-GL01"...), from its Schedule setting.</summary>
internal sealed class SyncScheduleContributor(IOptions<CommunityCatalogOptions> communities, IOptions<ReadersOptions> readers) : IScheduleContributor
{
    public IEnumerable<KeyValuePair<string, ScheduleOptions>> Schedules() =>
        communities.Value.Communities.Values.Select(c => KeyValuePair.Create($"sync-{c.Code}", new ScheduleOptions
        {
            Job = RosterSync.JobName,
            Cron = c.Schedule,
            Calendar = readers.Value.SyncCalendar,
            Arguments = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["community"] = c.Code },
            Description = $"Roster sync for {c.Name} ({c.Code})",
        }));
}
