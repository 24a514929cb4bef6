using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Dashboard.Localization;
using Outreach.Integrations.Time;

namespace Outreach.Dashboard.Hosting;

/// <summary>
/// Shows instants as the library reads them, on its clock (<see cref="LibraryCalendar"/>), in the reader's culture:
/// "2026年12月4日 周五 15:30" in Chinese, "Fri 4 Dec 2026 15:30" in English.
/// </summary>
public sealed class LibraryTime(LibraryCalendar library, IStringLocalizer<SharedText> text)
{
    public string ZoneId => library.Zone.Id;

    public DateTimeOffset Local(DateTimeOffset instant) => library.Local(instant);

    /// <summary>Midnight starting <paramref name="day"/> in the library's time zone.</summary>
    public DateTimeOffset StartOf(DateOnly day) => library.StartOf(day);

    /// <summary>e.g. "2026年12月4日 周五 15:30".</summary>
    public string Format(DateTimeOffset instant) => Local(instant).ToString(text["DateTimePattern"], CultureInfo.CurrentCulture);

    /// <summary>e.g. "2026年12月4日 周五".</summary>
    public string Date(DateOnly day) => day.ToString(text["DatePattern"], CultureInfo.CurrentCulture);

    /// <summary>e.g. "2026年12月".</summary>
    public string Month(DateOnly month) => month.ToString(text["MonthPattern"], CultureInfo.CurrentCulture);

    /// <summary>e.g. "14:05".</summary>
    public string Clock(DateTimeOffset instant) => Local(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>e.g. "3 分钟前", "2 小时后": how far <paramref name="instant"/> is from now.</summary>
    public string Relative(DateTimeOffset instant)
    {
        var span = instant - library.Now;
        var ahead = span > TimeSpan.Zero;
        var length = span.Duration();
        return length switch
        {
            { TotalMinutes: < 1 } => text["Relative.JustNow"],
            { TotalHours: < 1 } => text[ahead ? "Relative.InMinutes" : "Relative.MinutesAgo", (int)length.TotalMinutes],
            { TotalDays: < 1 } => text[ahead ? "Relative.InHours" : "Relative.HoursAgo", (int)length.TotalHours],
            _ => text[ahead ? "Relative.InDays" : "Relative.DaysAgo", (int)length.TotalDays],
        };
    }

    /// <summary>A run's length: "4.2 秒", "3 分 5 秒", "1 小时 20 分".</summary>
    public string Duration(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 60 } => text["Duration.Seconds", duration.TotalSeconds.ToString("0.#", CultureInfo.CurrentCulture)],
        { TotalHours: < 1 } => text["Duration.Minutes", (int)duration.TotalMinutes, duration.Seconds],
        _ => text["Duration.Hours", (int)duration.TotalHours, duration.Minutes],
    };
}
