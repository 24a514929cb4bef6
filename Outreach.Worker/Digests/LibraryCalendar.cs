using Outreach.Worker.Scheduling;

namespace Outreach.Worker.Digests;

/// <summary>The library's "now" and "today" in its time zone (Outreach:TimeZone), for digests and events.</summary>
public sealed class LibraryCalendar(TimeProvider clock, ScheduleCatalog schedules)
{
    public TimeZoneInfo Zone => schedules.TimeZone;

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);

    public IsoWeek ThisWeek => IsoWeek.Of(Today);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Midnight starting <paramref name="day"/> in the library's zone.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>A wall-clock time in the library's zone.</summary>
    public DateTimeOffset At(DateTime localWallClock) =>
        new(DateTime.SpecifyKind(localWallClock, DateTimeKind.Unspecified), Zone.GetUtcOffset(localWallClock));
}
