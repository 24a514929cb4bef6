using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Outreach.Integrations.Time;

namespace Outreach.Worker.Digests.Events;

/// <summary>
/// Reads an iCalendar (RFC 5545) feed into event drafts, recurring entries expanded (RRULE, RDATE, EXDATE and moved
/// occurrences via RECURRENCE-ID, as Ical.Net evaluates them). Each occurrence gets a stable id: UID plus its start.
/// </summary>
public static class CalendarFeedParser
{
    public static IReadOnlyList<(string ExternalId, EventDraft Draft)> Parse(string ics, CalendarFeedOptions feed, DateTimeOffset from, DateTimeOffset to,
        TimeZoneInfo libraryZone)
    {
        var calendar = Ical.Net.Calendar.Load(ics) ?? throw new FormatException("The feed is not an iCalendar file.");
        var occurrences = new List<(string, EventDraft)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var occurrence in calendar.GetOccurrences(new CalDateTime(from.UtcDateTime, "UTC")).TakeWhileBefore(new CalDateTime(to.UtcDateTime, "UTC")))
        {
            if (occurrence.Source is not CalendarEvent entry || string.Equals(entry.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase))
                continue;

            var start = Instant(occurrence.Period.StartTime, libraryZone);
            var end = occurrence.Period.EffectiveEndTime is { } effectiveEnd ? Instant(effectiveEnd, libraryZone) : start;
            var uid = string.IsNullOrWhiteSpace(entry.Uid) ? $"{entry.Summary}@{start.ToUnixTimeSeconds()}" : entry.Uid;
            var externalId = uid + "/" + start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            if (!seen.Add(externalId))
                continue;

            var kind = entry.Categories.Select(EventKinds.FromCategory).FirstOrDefault(k => k is not null) ?? feed.Kind;
            occurrences.Add((externalId, new EventDraft(
                kind,
                Clip(entry.Summary ?? "(untitled)", EventDraft.MaxTitle),
                Clip(entry.Description ?? "", EventDraft.MaxSummary),
                Clip(entry.Location ?? "", EventDraft.MaxTitle),
                start,
                end < start ? start : end,
                feed.Communities,
                null,
                entry.Url?.ToString())));
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

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
