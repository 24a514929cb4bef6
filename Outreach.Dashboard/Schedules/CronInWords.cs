using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Dashboard.Localization;

namespace Outreach.Dashboard.Schedules;

/// <summary>
/// A schedule's Quartz cron said in words for staff ("每天 01:30，节假日除外"), for the shapes the hub's schedules use:
/// daily, weekly, monthly at a time, hourly at a minute, every n minutes (within hours). Anything else: null, and the
/// page shows the cron alone (it always shows it beside the words).
/// </summary>
public sealed class CronInWords(IStringLocalizer<ScheduleText> text)
{
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public string? Describe(string cron, string? calendar)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 6 or > 7 || fields[0] != "0" || fields[4] != "*" || (fields.Length == 7 && fields[6] != "*"))
        {
            return null;
        }

        var (minute, hour, dayOfMonth, dayOfWeek) = (fields[1], fields[2], fields[3], fields[5]);
        var everyDay = dayOfMonth is "*" or "?" && dayOfWeek is "*" or "?";
        var words = (Number(minute), Number(hour)) switch
        {
            ({ } m, { } h) when everyDay => text["Every.Day", Time(h, m)].Value,
            ({ } m, { } h) when dayOfMonth is "*" or "?" && Weekday(dayOfWeek) is { } day => text["Every.Week", day, Time(h, m)].Value,
            ({ } m, { } h) when Number(dayOfMonth) is { } d && dayOfWeek is "*" or "?" => text["Every.Month", d, Time(h, m)].Value,
            ({ } m, null) when hour == "*" && everyDay => text["Every.HourAt", m].Value,
            (null, _) when everyDay && Step(minute) is { } every && Hours(hour) is { } within =>
                (every.Start == 0 ? text["Every.Minutes", every.Step] : text["Every.MinutesFrom", every.Step, every.Start]) + within,
            _ => null,
        };
        return words is null || string.IsNullOrEmpty(calendar) ? words : words + text["ExceptCalendar"];
    }

    private static string Time(int hour, int minute) => $"{hour:00}:{minute:00}";

    private static int? Number(string field) => int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    // "*/10" or "5/10": from a minute, every so many minutes.
    private static (int Start, int Step)? Step(string field) =>
        field.Split('/') is [var from, var every] && Number(every) is { } step && (from == "*" ? 0 : Number(from)) is { } start ? (start, step) : null;

    // "*": no words; "8-20": "（08:00–20:59）".
    private string? Hours(string field) =>
        field == "*" ? "" : field.Split('-') is [var from, var to] && Number(from) is { } a && Number(to) is { } b ? text["Between", Time(a, 0), Time(b, 59)].Value : null;

    private string? Weekday(string field)
    {
        if (field == "MON-FRI")
        {
            return text["Weekdays"];
        }

        var index = Array.IndexOf(Days, field.ToUpperInvariant());
        if (index < 0)
        {
            return null;
        }

        var names = CultureInfo.CurrentCulture.DateTimeFormat;
        return StaffCultures.IsChinese(CultureInfo.CurrentUICulture) ? names.GetAbbreviatedDayName((DayOfWeek)index) : names.GetDayName((DayOfWeek)index);
    }
}
