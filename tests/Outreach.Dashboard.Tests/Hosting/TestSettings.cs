namespace Outreach.Dashboard.Tests.Hosting;

/// <summary>Configuration the test hosts share: the database, quiet logs, and schedules with known states.</summary>
public static class TestSettings
{
    public const string RunnableSchedule = "test-housekeeping";
    public const string WaitingSchedule = "test-waiting";
    public const string DisabledSchedule = "test-paused";
    public const string Calendar = "test-town";

    private const string HashKey = "dashboard-test-hash-key-long-enough-to-be-valid-0123456789";

    public static Dictionary<string, string?> Dashboard(string connectionString) => new()
    {
        ["ConnectionStrings:Outreach"] = connectionString,
        ["Outreach:PersonalData:HashKey"] = HashKey,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Outreach:Dashboard:LoginRateLimitPerMinute"] = "1000",
        ["Outreach:Calendars:test-town:Holidays:0"] = "2030-01-01",
        ["Outreach:Calendars:test-town:MaintenanceWindows:0"] = "* * 2-3 ? * SUN",
        [$"Outreach:Schedules:{RunnableSchedule}:Job"] = "housekeeping",
        [$"Outreach:Schedules:{RunnableSchedule}:Cron"] = "0 30 3 * * ?",
        [$"Outreach:Schedules:{RunnableSchedule}:Calendar"] = Calendar,
        [$"Outreach:Schedules:{RunnableSchedule}:Description"] = "Housekeeping for the dashboard tests",
        [$"Outreach:Schedules:{WaitingSchedule}:Job"] = "not-built-yet",
        [$"Outreach:Schedules:{WaitingSchedule}:Cron"] = "0 0 9 ? * FRI",
        [$"Outreach:Schedules:{WaitingSchedule}:Arguments:community"] = "GL01",
        [$"Outreach:Schedules:{DisabledSchedule}:Job"] = "housekeeping",
        [$"Outreach:Schedules:{DisabledSchedule}:Cron"] = "0 0 5 * * ?",
        [$"Outreach:Schedules:{DisabledSchedule}:Enabled"] = "false",
    };

    public static Dictionary<string, string?> Worker(string connectionString) => new()
    {
        ["ConnectionStrings:Outreach"] = connectionString,
        ["Outreach:PersonalData:HashKey"] = HashKey,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Outreach:RunScheduler"] = "false",
        ["Outreach:Hangfire:QueuePollInterval"] = "00:00:01",
    };
}
