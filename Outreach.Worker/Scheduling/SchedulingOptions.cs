namespace Outreach.Worker.Scheduling;

/// <summary>How a schedule catches up after the schedulers were all down at its fire time.</summary>
public enum MisfirePolicy
{
    /// <summary>Fire once as soon as a scheduler is back, then carry on.</summary>
    FireOnceNow,

    /// <summary>Skip the missed slot and wait for the next one.</summary>
    Skip,
}

/// <summary>One schedule: which job, when (cron in library time, Outreach:TimeZone), which calendar excludes times, which arguments.</summary>
public sealed class ScheduleOptions
{
    public string Job { get; set; } = "";

    /// <summary>Quartz cron expression (seconds first), in the library's time zone.</summary>
    public string Cron { get; set; } = "";

    /// <summary>Name of a calendar under Outreach:Calendars, or empty.</summary>
    public string? Calendar { get; set; }

    public Dictionary<string, string> Arguments { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public MisfirePolicy Misfire { get; set; } = MisfirePolicy.FireOnceNow;

    public bool Enabled { get; set; } = true;

    public string? Description { get; set; }
}

/// <summary>Times when scheduled work must not start: public holidays and the town systems' maintenance windows.</summary>
public sealed class CalendarOptions
{
    /// <summary>Whole days excluded (yyyy-MM-dd, library time zone).</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Quartz cron expressions whose matching times are excluded, e.g. "* * 2-3 ? * SUN" for Sunday 02:00–03:59.</summary>
    public List<string> MaintenanceWindows { get; set; } = [];

    public string? Description { get; set; }
}

/// <summary>The schedules and calendars (Outreach:Schedules, Outreach:Calendars) and whether this process runs the scheduler.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Outreach";

    public Dictionary<string, ScheduleOptions> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, CalendarOptions> Calendars { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Run the Quartz scheduler in this process (clustered: every worker may, each slot fires once).</summary>
    public bool RunScheduler { get; set; } = true;
}
