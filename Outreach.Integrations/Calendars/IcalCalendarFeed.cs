using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Outreach.Integrations.Time;

namespace Outreach.Integrations.Calendars;

/// <summary>
/// Fetches a feed over HTTP (behind the hub's resilience pipeline) and reads it with Ical.Net, recurring entries expanded
/// (RRULE, RDATE, EXDATE and moved occurrences via RECURRENCE-ID, as Ical.Net evaluates them).
/// </summary>
public sealed class IcalCalendarFeed(IHttpClientFactory http, LibraryCalendar calendar) : ICalendarFeed
{
    public const string HttpClientName = "calendar-feeds";

    public async Task<IReadOnlyList<CalendarOccurrence>> ReadAsync(Uri feed, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        using var client = http.CreateClient(HttpClientName);
        var ics = await client.GetStringAsync(feed, cancellationToken);
        return Parse(ics, windowStart, windowEnd, calendar.Zone);
    }

    public static IReadOnlyList<CalendarOccurrence> Parse(string ics, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo libraryZone)
    {
        var parsed = Ical.Net.Calendar.Load(ics) ?? throw new FormatException("The feed is not an iCalendar file.");
        var occurrences = new List<CalendarOccurrence>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var occurrence in parsed.GetOccurrences(new CalDateTime(from.UtcDateTime, "UTC")).TakeWhileBefore(new CalDateTime(to.UtcDateTime, "UTC")))
        {
            if (occurrence.Source is not CalendarEvent entry || string.Equals(entry.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase))
                continue;

            var start = Instant(occurrence.Period.StartTime, libraryZone);
            var end = occurrence.Period.EffectiveEndTime is { } effectiveEnd ? Instant(effectiveEnd, libraryZone) : start;
            var uid = string.IsNullOrWhiteSpace(entry.Uid) ? $"{entry.Summary}@{start.ToUnixTimeSeconds()}" : entry.Uid;
            var externalId = uid + "/" + start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            if (!seen.Add(externalId))
                continue;

            occurrences.Add(new CalendarOccurrence(externalId, entry.Summary, entry.Description, entry.Location, start, end, entry.Categories.ToList(),
                entry.Url?.ToString()));
        }

        return occurrences;
    }

    // A floating time (no zone) is the library's wall clock; a dated entry starts at the library's midnight.
    private static DateTimeOffset Instant(CalDateTime value, TimeZoneInfo libraryZone)
    {
        if (value.IsFloating || !value.HasTime)
        {
            return LibraryCalendar.At(value.Value, libraryZone);
        }

        return new DateTimeOffset(value.AsUtc, TimeSpan.Zero);
    }
}
