namespace Outreach.Worker.Storage;

/// <summary>The PostgreSQL schemas of the three parties sharing the database.</summary>
public static class HubSchemas
{
    public const string Hub = "outreach";
    public const string Hangfire = "hangfire";
    public const string QuartzTablePrefix = "quartz.qrtz_";
}
