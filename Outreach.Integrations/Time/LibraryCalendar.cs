using Microsoft.Extensions.Options;

namespace Outreach.Integrations.Time;

/// <summary>
/// The library's clock, the one place that knows its time zone (<c>Outreach:TimeZone</c>): now, today, this week and
/// month, an instant on the library's wall clock, the start of a library day, a wall-clock time as an instant. Time
/// comes from the injected <see cref="TimeProvider"/>. The static forms serve parsers that are handed a zone.
/// </summary>
public sealed class LibraryCalendar(TimeProvider clock, IOptions<LibraryTimeOptions> options)
{
    public TimeZoneInfo Zone { get; } = options.Value.Zone();

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => DateOf(Now);

    public IsoWeek ThisWeek => IsoWeek.Of(Today);

    /// <summary>The first day of the current month: limits and figures roll over at the library's midnight.</summary>
    public DateOnly ThisMonth => MonthOf(Now);

    public DateTimeOffset Local(DateTimeOffset instant) => Local(instant, Zone);

    public DateOnly DateOf(DateTimeOffset instant) => DateOf(instant, Zone);

    /// <summary>The first day of the month <paramref name="instant"/> falls in, in library time.</summary>
    public DateOnly MonthOf(DateTimeOffset instant)
    {
        var day = DateOf(instant);
        return new DateOnly(day.Year, day.Month, 1);
    }

    /// <summary>Midnight starting <paramref name="day"/> in the library's zone.</summary>
    public DateTimeOffset StartOf(DateOnly day) => StartOf(day, Zone);

    /// <summary>A wall-clock time in the library's zone.</summary>
    public DateTimeOffset At(DateTime localWallClock) => At(localWallClock, Zone);

    public static DateTimeOffset Local(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(Local(instant, zone).DateTime);

    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone) => At(day.ToDateTime(TimeOnly.MinValue), zone);

    public static DateTimeOffset At(DateTime localWallClock, TimeZoneInfo zone)
    {
        var wallClock = DateTime.SpecifyKind(localWallClock, DateTimeKind.Unspecified);
        return new DateTimeOffset(wallClock, zone.GetUtcOffset(wallClock));
    }
}
