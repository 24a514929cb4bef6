using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Dashboard.Api;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Events;

namespace Outreach.Dashboard.Digests;

// The JSON API's event (snake_case). Times are ISO 8601; a time without offset is read in the library's time zone (Outreach:TimeZone).
// Its description in the OpenAPI document is the attribute's, not a summary (which would replace it).
[Description("创建或替换活动时发送的活动。 / An event as a partner sends it to create or replace one.")]
public sealed record EventBody(
    [property: JsonPropertyName("kind"), Required, Description("活动类型代码。 / The kind of event (a code).")]
    string? Kind = null,
    [property: JsonPropertyName("title"), Required, MaxLength(EventDraft.MaxTitle), Description("标题。 / Title.")]
    string? Title = null,
    [property: JsonPropertyName("summary"), MaxLength(EventDraft.MaxSummary), Description("简介。 / Summary.")]
    string? Summary = null,
    [property: JsonPropertyName("venue"), MaxLength(EventDraft.MaxTitle), Description("地点。 / Venue.")]
    string? Venue = null,
    [property: JsonPropertyName("starts_at"), Required,
     Description("开始时间，ISO 8601；无时区时按图书馆时间。 / Start, ISO 8601; without an offset it is library time (Asia/Shanghai).")]
    string? StartsAt = null,
    [property: JsonPropertyName("ends_at"), Required, Description("结束时间，不早于开始时间。 / End, not before the start.")]
    string? EndsAt = null,
    [property: JsonPropertyName("communities"), Description("面向的社区代码；空表示所有社区。 / Community codes it is for; empty: every community.")]
    IReadOnlyList<string>? Communities = null,
    [property: JsonPropertyName("capacity"), Range(0, int.MaxValue), Description("名额；空表示不限。 / Seats; empty: no limit.")]
    int? Capacity = null,
    [property: JsonPropertyName("registration_url"), Description("报名链接（http 或 https）。 / Registration link (absolute http or https).")]
    string? RegistrationUrl = null,
    [property: JsonPropertyName("cancelled"), Description("仅用于 PUT：true 取消，false 恢复。 / PUT only: true cancels, false restores.")]
    bool? Cancelled = null);

[Description("接口回答中的活动。 / An event as the API answers it.")]
public sealed record EventView(
    [property: JsonPropertyName("id"), Description("活动编号。 / The event's id.")] long Id,
    [property: JsonPropertyName("source"), Description("来源：staff、api 或日历源名称。 / Where it came from: staff, api or a calendar feed.")] string Source,
    [property: JsonPropertyName("kind"), Description("活动类型代码。 / The kind of event.")] string Kind,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("starts_at"), Description("开始时间（图书馆时间，带时区）。 / Start, library time with its offset.")] DateTimeOffset StartsAt,
    [property: JsonPropertyName("ends_at")] DateTimeOffset EndsAt,
    [property: JsonPropertyName("communities")] IReadOnlyList<string> Communities,
    [property: JsonPropertyName("capacity")] int? Capacity,
    [property: JsonPropertyName("registration_url")] string? RegistrationUrl,
    [property: JsonPropertyName("cancelled"), Description("已取消。 / Cancelled.")] bool Cancelled,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt)
{
    public static EventView From(LibraryEvent e, TimeZoneInfo zone) => new(e.Id, e.Source, e.Kind, e.Title, e.Summary, e.Venue,
        LibraryCalendar.Local(e.StartsAt, zone), LibraryCalendar.Local(e.EndsAt, zone), e.Communities, e.Capacity, e.RegistrationUrl,
        e.Cancelled, LibraryCalendar.Local(e.UpdatedAt, zone));
}

/// <summary>The examples of the events API's document.</summary>
internal static class EventExample
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static readonly EventBody Body = new("lecture", "微讲堂：宁波老字号的故事", "从赵大有到缸鸭狗，讲讲身边的老字号。", "图书馆报告厅",
        "2026-11-28T14:00", "2026-11-28T15:30", ["GL01", "GL02"], 120, "https://library.example/register/1128", null);

    public static readonly EventView View = new(41, "api", "lecture", Body.Title!, Body.Summary!, Body.Venue!,
        new DateTimeOffset(2026, 11, 28, 14, 0, 0, Shanghai), new DateTimeOffset(2026, 11, 28, 15, 30, 0, Shanghai), ["GL01", "GL02"], 120,
        Body.RegistrationUrl, false, new DateTimeOffset(2026, 11, 20, 9, 30, 0, Shanghai));

    public static readonly EventProblems Problems = new("invalid_event", new Dictionary<string, string>
    {
        ["kind"] = "Unknown kind 'talk'; one of lecture, reading_club, film_salon, heritage, festival, lifelong_learning, skills_training, other.",
        ["ends_at"] = "The end lies before the start.",
    });
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
