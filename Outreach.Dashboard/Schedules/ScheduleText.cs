namespace Outreach.Dashboard.Schedules;

/// <summary>Words of the schedules page and of schedules said in words; Resources/Schedules/ScheduleText.*.resx.</summary>
public sealed class ScheduleText;
