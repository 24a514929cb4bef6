using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Events;

namespace Outreach.Dashboard.Digests;

/// <summary>An event on the JSON API (snake_case). Times are ISO 8601; a time without offset is read in the library's time zone (Outreach:TimeZone).</summary>
public sealed record EventBody(
    string? Kind,
    string? Title,
    string? Summary,
    string? Venue,
    string? StartsAt,
    string? EndsAt,
    IReadOnlyList<string>? Communities,
    int? Capacity,
    string? RegistrationUrl,
    bool? Cancelled);

/// <summary>An event as the API answers it.</summary>
public sealed record EventView(
    long Id,
    string Source,
    string Kind,
    string Title,
    string Summary,
    string Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<string> Communities,
    int? Capacity,
    string? RegistrationUrl,
    bool Cancelled,
    DateTimeOffset UpdatedAt)
{
    public static EventView From(LibraryEvent e, TimeZoneInfo zone) => new(e.Id, e.Source, e.Kind, e.Title, e.Summary, e.Venue,
        LibraryCalendar.Local(e.StartsAt, zone), LibraryCalendar.Local(e.EndsAt, zone), e.Communities, e.Capacity, e.RegistrationUrl,
        e.Cancelled, LibraryCalendar.Local(e.UpdatedAt, zone));
}

internal static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The draft of a body, or the problems keyed by field.</summary>
    public static (EventDraft? Draft, Dictionary<string, string> Problems) ToDraft(EventBody body, TimeZoneInfo zone)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = Time(body.StartsAt, "starts_at", zone, problems);
        var end = Time(body.EndsAt, "ends_at", zone, problems);
        if (problems.Count > 0)
            return (null, problems);
        return (new EventDraft(body.Kind ?? "", body.Title ?? "", body.Summary, body.Venue, start, end, body.Communities, body.Capacity,
            body.RegistrationUrl), problems);
    }

    /// <summary>"2026-11-28T14:00" (library time) or "2026-11-28T06:00:00Z" / "+08:00".</summary>
    public static DateTimeOffset Time(string? text, string field, TimeZoneInfo zone, Dictionary<string, string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems[field] = "Required (ISO 8601, e.g. 2026-11-28T14:00).";
            return default;
        }

        var hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10;
        if (hasOffset && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var exact))
            return exact;
        if (!hasOffset && DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
            return LibraryCalendar.At(local, zone);

        problems[field] = $"'{text}' is not an ISO 8601 time.";
        return default;
    }
}
