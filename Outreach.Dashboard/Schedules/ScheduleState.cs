using Outreach.Worker.Scheduling;

namespace Outreach.Dashboard.Schedules;

/// <summary>How a schedule stands: a code, shown in words through <see cref="ScheduleText"/> ("State." + code).</summary>
public static class ScheduleState
{
    public const string Active = "active";
    public const string Disabled = "disabled";
    public const string WaitingForJob = "waiting";

    public static string Of(ScheduleView schedule) =>
        !schedule.Enabled ? Disabled : !schedule.JobAvailable ? WaitingForJob : Active;
}
