using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Outreach.Integrations.Time;

namespace Outreach.Worker.Digests.Content;

/// <summary>The .ics (RFC 5545, METHOD:PUBLISH) of one event; its UID is stable, so a calendar updates the entry it has.</summary>
public static class EventCalendarFile
{
    public static string Uid(long eventId) => $"event-{eventId}@outreach.library";

    public static byte[] Create(DigestEvent e, TimeZoneInfo zone, string organizer)
    {
        var calendar = new Calendar { ProductId = "-//Outreach//Event digest//ZH", Method = "PUBLISH" };
        calendar.AddTimeZone(zone.Id);
        var entry = new CalendarEvent
        {
            Uid = Uid(e.Id),
            Summary = e.Title,
            Description = e.Summary,
            Location = e.Venue,
            DtStart = new CalDateTime(LibraryCalendar.Local(e.StartsAt, zone).DateTime, zone.Id),
            DtEnd = new CalDateTime(LibraryCalendar.Local(e.EndsAt, zone).DateTime, zone.Id),
            DtStamp = new CalDateTime(e.UpdatedAt.UtcDateTime, "UTC"),
            Sequence = (int)Math.Min(int.MaxValue, e.UpdatedAt.ToUnixTimeSeconds() / 60),
            Organizer = new Organizer("mailto:" + organizer),
        };
        if (e.RegistrationUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var link))
            entry.Url = link;
        calendar.Events.Add(entry);
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? "");
    }
}
