using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
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

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).AllowAnonymous().AddEndpointFilter(RequireKeyAsync).DisableAntiforgery();
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:long}", FindAsync);
        api.MapPost("/", CreateAsync).RequireJsonBody();
        api.MapPut("/{id:long}", ReplaceAsync).RequireJsonBody();
        api.MapDelete("/{id:long}", CancelAsync);
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
            return Results.Json(new { error = "unauthorized", message = $"Send a valid API key in the {KeyHeader} header." }, statusCode: StatusCodes.Status401Unauthorized);
        }

        http.Items[nameof(EventsApi)] = holder;
        return await next(context);
    }

    private static bool Matches(string expected, string given) =>
        given.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    private static async Task<IResult> ListAsync(string? from, string? to, bool? cancelled, EventStore events, LibraryCalendar calendar, CancellationToken cancellationToken)
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
        Results.Json(new { error = "invalid_event", problems }, EventJson.Options, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotFound(long id) =>
        Results.Json(new { error = "unknown_event", message = $"No event {id}." }, EventJson.Options, statusCode: StatusCodes.Status404NotFound);

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.DigestEndpoints + 2, Level = LogLevel.Warning, Message = "Events API request refused: missing or unknown API key")]
        public static partial void Refused(ILogger logger);
    }
}
