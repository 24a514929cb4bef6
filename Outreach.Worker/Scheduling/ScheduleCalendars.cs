using Quartz;
using Quartz.Impl.Calendar;

namespace Outreach.Worker.Scheduling;

/// <summary>Turns a configured calendar into a Quartz calendar: holidays, chained with one cron calendar per window.</summary>
public static class ScheduleCalendars
{
    public static ICalendar Build(CalendarOptions options, TimeZoneInfo timeZone)
    {
        var holidays = new HolidayCalendar { TimeZone = timeZone, Description = options.Description };
        foreach (var day in options.Holidays)
        {
            holidays.AddExcludedDay(day);
        }

        ICalendar calendar = holidays;
        foreach (var window in options.MaintenanceWindows)
        {
            calendar = new CronCalendar(calendar, window, timeZone);
        }

        return calendar;
    }
}
