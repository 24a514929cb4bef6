using System.Globalization;
using Outreach.Integrations.Time;

namespace Outreach.Dashboard.Hosting;

/// <summary>Shows instants as the library reads them, on its clock (<see cref="LibraryCalendar"/>), in the pages' formats.</summary>
public sealed class LibraryTime(LibraryCalendar library)
{
    public string ZoneId => library.Zone.Id;

    public DateTimeOffset Local(DateTimeOffset instant) => library.Local(instant);

    /// <summary>Midnight starting <paramref name="day"/> in the library's time zone.</summary>
    public DateTimeOffset StartOf(DateOnly day) => library.StartOf(day);

    /// <summary>e.g. "2026-11-20 02:00 Fri".</summary>
    public string Format(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd HH:mm ddd", CultureInfo.InvariantCulture);

    /// <summary>e.g. "14:05".</summary>
    public string Clock(DateTimeOffset instant) => Local(instant).ToString("HH:mm", CultureInfo.InvariantCulture);
}
