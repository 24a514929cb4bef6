namespace Outreach.Integrations.Calendars;

/// <summary>
/// One occurrence of an entry in a published calendar, recurring entries expanded. <see cref="ExternalId"/> is stable
/// across reads: the entry's UID plus the occurrence's start.
/// </summary>
public sealed record CalendarOccurrence(
    string ExternalId,
    string? Title,
    string? Description,
    string? Location,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<string> Categories,
    string? Url);

/// <summary>An iCalendar (RFC 5545) feed published by someone else, e.g. the library's public calendar.</summary>
public interface ICalendarFeed
{
    /// <summary>
    /// The feed's occurrences starting in [<paramref name="windowStart"/>, <paramref name="windowEnd"/>), cancelled entries left out.
    /// Throws a <see cref="FormatException"/> (or <see cref="ArgumentException"/>) when the feed is not a calendar it can read.
    /// </summary>
    Task<IReadOnlyList<CalendarOccurrence>> ReadAsync(Uri feed, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken);
}
