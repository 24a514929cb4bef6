using System.Globalization;
using Outreach.Worker.Scheduling;

namespace Outreach.Dashboard.Hosting;

/// <summary>Shows instants as the library reads them: in its time zone (Outreach:TimeZone, Asia/Shanghai by default).</summary>
public sealed class LibraryTime(ScheduleCatalog schedules)
{
    public string ZoneId => schedules.TimeZone.Id;

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, schedules.TimeZone);

    /// <summary>Midnight starting <paramref name="day"/> in the library's time zone.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, schedules.TimeZone.GetUtcOffset(local));
    }

    /// <summary>e.g. "2026-11-20 02:00 Fri".</summary>
    public string Format(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd HH:mm ddd", CultureInfo.InvariantCulture);

    /// <summary>e.g. "14:05".</summary>
    public string Clock(DateTimeOffset instant) => Local(instant).ToString("HH:mm", CultureInfo.InvariantCulture);
}
