using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Api;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests;
using Outreach.Worker.Digests.Events;

namespace Outreach.Dashboard.Digests;

/// <summary>
/// The events JSON API under /api/events for other systems (the library's website, partners): list, read, create,
/// replace, cancel. Every request carries one of Outreach:Digests:ApiKeys in the X-Api-Key header.
/// </summary>
internal static partial class EventsApi
{
    public const string Path = AnonymousRoutes.Api + "/events";
    public const string KeyHeader = "X-Api-Key";
    public const string Tag = "events";
    private const string Unauthorized = $"Send a valid API key in the {KeyHeader} header.";
    private const string InvalidDescription = "字段缺失或有误，按字段列出。 / A field is missing or wrong; each problem keyed by its field.";
    private const string UnknownDescription = "没有这个活动。 / No event has this id.";

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).AllowAnonymous().AddEndpointFilter(RequireKeyAsync).DisableAntiforgery()
            .WithTags(Tag).RequiresKey(PartnerApiDocument.EventsKey, Unauthorized);
        api.MapGet("/", ListAsync).WithName("ListEvents")
            .WithSummary("列出活动 / List events")
            .WithDescription("开始时间在 from 与 to 之间的活动，按开始时间排序；默认从今天起 60 天；cancelled=true 时含已取消的活动。 / " +
                "Events starting between from and to, by start; by default the 60 days from today; cancelled ones only with cancelled=true.")
            .Answers(StatusCodes.Status200OK, "活动列表。 / The events.", new[] { EventExample.View }, EventJson.Options)
            .Refuses(StatusCodes.Status400BadRequest, "from 或 to 不是 ISO 8601 时间。 / from or to is not an ISO 8601 time.",
                new EventProblems("invalid_event", new Dictionary<string, string> { ["from"] = "'yesterday' is not an ISO 8601 time." }));
        api.MapGet("/{id:long}", FindAsync).WithName("GetEvent")
            .WithSummary("读取活动 / Read an event")
            .WithDescription("按编号读取一个活动（含已取消的）。 / One event by its id (cancelled ones too).")
            .Answers(StatusCodes.Status200OK, "活动。 / The event.", EventExample.View, EventJson.Options)
            .Refuses(StatusCodes.Status404NotFound, UnknownDescription, "unknown_event", "No event 41.");
        api.MapPost("/", CreateAsync).RequireJsonBody().WithName("CreateEvent")
            .WithSummary("创建活动 / Create an event")
            .WithDescription("kind、title、starts_at、ends_at 必填；communities 为空表示面向所有社区。回答 201 和新活动（含编号）。 / " +
                "kind, title, starts_at and ends_at are required; no communities means every community. Answers 201 with the new event and its id.")
            .Takes(EventExample.Body, EventJson.Options)
            .Answers(StatusCodes.Status201Created, "已创建。 / Created.", EventExample.View, EventJson.Options)
            .Refuses(StatusCodes.Status400BadRequest, InvalidDescription, EventExample.Problems);
        api.MapPut("/{id:long}", ReplaceAsync).RequireJsonBody().WithName("ReplaceEvent")
            .WithSummary("替换活动 / Replace an event")
            .WithDescription("用请求体整体替换活动（未给出的可选字段被清空）；cancelled: true 同时取消它，false 恢复它。 / " +
                "Replaces the whole event (optional fields not sent are emptied); cancelled: true also cancels it, false restores it.")
            .Takes(EventExample.Body, EventJson.Options)
            .Answers(StatusCodes.Status200OK, "已替换。 / Replaced.", EventExample.View, EventJson.Options)
            .Refuses(StatusCodes.Status400BadRequest, InvalidDescription, EventExample.Problems)
            .Refuses(StatusCodes.Status404NotFound, UnknownDescription, "unknown_event", "No event 41.");
        api.MapDelete("/{id:long}", CancelAsync).WithName("CancelEvent")
            .WithSummary("取消活动 / Cancel an event")
            .WithDescription("DELETE 表示取消：活动保留并标为已取消（不再进入周报），可用 PUT 加 cancelled: false 恢复。再次取消同样回答 204。 / " +
                "DELETE cancels: the event stays, marked cancelled (no longer in digests); PUT with cancelled: false restores it. Cancelling again answers 204 too.")
            .AnswersEmpty(StatusCodes.Status204NoContent, "已取消。 / Cancelled.")
            .Refuses(StatusCodes.Status404NotFound, UnknownDescription, "unknown_event", "No event 41.");
        return app;
    }

    private static async ValueTask<object?> RequireKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var keys = http.RequestServices.GetRequiredService<IOptionsMonitor<DigestOptions>>().CurrentValue.ApiKeys;
        var given = http.Request.Headers[KeyHeader].ToString();
        var holder = keys.FirstOrDefault(k => Matches(k.Value, given)).Key;
        if (holder is null)
        {
            Log.Refused(http.RequestServices.GetRequiredService<ILogger<EventStore>>());
            return Results.Json(new ApiError("unauthorized", Unauthorized), statusCode: StatusCodes.Status401Unauthorized);
        }

        http.Items[nameof(EventsApi)] = holder;
        return await next(context);
    }

    private static bool Matches(string expected, string given) =>
        given.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    private static async Task<IResult> ListAsync(
        [Description("起始时间（含），ISO 8601，默认今天 0 点。 / From (inclusive), ISO 8601; today's start by default.")] string? from,
        [Description("截止时间（不含），ISO 8601，默认 from 后 60 天。 / To (exclusive), ISO 8601; 60 days after from by default.")] string? to,
        [Description("true：包括已取消的活动。 / true: cancelled events too.")] bool? cancelled, EventStore events, LibraryCalendar calendar, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string>();
        var start = from is null ? calendar.StartOf(calendar.Today) : EventJson.Time(from, "from", calendar.Zone, problems);
        var end = to is null ? start.AddDays(60) : EventJson.Time(to, "to", calendar.Zone, problems);
        if (problems.Count > 0)
            return Invalid(problems);
        var found = await events.ListAsync(start, end, cancelled == true, cancellationToken);
        return Results.Json(found.Select(e => EventView.From(e, calendar.Zone)), EventJson.Options);
    }

    private static async Task<IResult> FindAsync(long id, EventStore events, LibraryCalendar calendar, CancellationToken cancellationToken) =>
        await events.FindAsync(id, cancellationToken) is { } found
            ? Results.Json(EventView.From(found, calendar.Zone), EventJson.Options)
            : NotFound(id);

    private static async Task<IResult> CreateAsync(HttpRequest request, EventStore events, LibraryCalendar calendar, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadAsync(request, cancellationToken);
        if (body is null)
            return error!;
        var (draft, problems) = EventJson.ToDraft(body, calendar.Zone);
        if (draft is null)
            return Invalid(problems);
        try
        {
            var created = await events.CreateAsync(draft, EventStore.ApiSource, cancellationToken);
            return Results.Json(EventView.From(created, calendar.Zone), EventJson.Options, statusCode: StatusCodes.Status201Created);
        }
        catch (EventDraftException refused)
        {
            return Invalid(refused.Problems);
        }
    }

    private static async Task<IResult> ReplaceAsync(long id, HttpRequest request, EventStore events, LibraryCalendar calendar, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadAsync(request, cancellationToken);
        if (body is null)
            return error!;
        var (draft, problems) = EventJson.ToDraft(body, calendar.Zone);
        if (draft is null)
            return Invalid(problems);
        try
        {
            return await events.UpdateAsync(id, draft, body.Cancelled == true, cancellationToken) is { } updated
                ? Results.Json(EventView.From(updated, calendar.Zone), EventJson.Options)
                : NotFound(id);
        }
        catch (EventDraftException refused)
        {
            return Invalid(refused.Problems);
        }
    }

    private static async Task<IResult> CancelAsync(long id, EventStore events, CancellationToken cancellationToken) =>
        await events.CancelAsync(id, cancellationToken) ? Results.NoContent() : NotFound(id);

    private static async Task<(EventBody? Body, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var body = await request.ReadFromJsonAsync<EventBody>(EventJson.Options, cancellationToken);
            return body is null ? (null, Invalid(new Dictionary<string, string> { ["body"] = "A JSON object is required." })) : (body, null);
        }
        catch (Exception failure) when (failure is System.Text.Json.JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return (null, Invalid(new Dictionary<string, string> { ["body"] = "The body is not a JSON event: " + failure.Message }));
        }
    }

    private static IResult Invalid(IReadOnlyDictionary<string, string> problems) =>
        Results.Json(new EventProblems("invalid_event", problems), EventJson.Options, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotFound(long id) =>
        Results.Json(new ApiError("unknown_event", $"No event {id}."), EventJson.Options, statusCode: StatusCodes.Status404NotFound);

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.DigestEndpoints + 2, Level = LogLevel.Warning, Message = "Events API request refused: missing or unknown API key")]
        public static partial void Refused(ILogger logger);
    }
}
