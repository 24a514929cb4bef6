namespace Outreach.Integrations.Time;

/// <summary>The library's time zone (<c>Outreach:TimeZone</c>): its "today", its weeks and months, its cron expressions.</summary>
public sealed class LibraryTimeOptions
{
    public const string SectionPath = "Outreach";
    public const string TimeZoneKey = SectionPath + ":TimeZone";

    /// <summary>An IANA or Windows zone id the machine knows.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
