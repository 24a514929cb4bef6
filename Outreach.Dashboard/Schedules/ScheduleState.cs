using Outreach.Worker.Scheduling;

namespace Outreach.Dashboard.Schedules;

/// <summary>How a schedule stands, in the words the schedules page uses.</summary>
public static class ScheduleState
{
    public const string Active = "active";
    public const string Disabled = "disabled";
    public const string WaitingForJob = "waiting for its job";

    public static string Of(ScheduleView schedule) =>
        !schedule.Enabled ? Disabled : !schedule.JobAvailable ? WaitingForJob : Active;
}
