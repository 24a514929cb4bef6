using Outreach.Worker.Scheduling;

namespace Outreach.Worker.Orders;

/// <summary>Months as the library counts them: in its time zone (Outreach:TimeZone), so limits roll over at local midnight.</summary>
public sealed class LibraryMonth(ScheduleCatalog schedules, TimeProvider clock)
{
    /// <summary>The first day of the current month.</summary>
    public DateOnly Current() => Of(clock.GetUtcNow());

    public DateOnly Of(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, schedules.TimeZone);
        return new DateOnly(local.Year, local.Month, 1);
    }
}
