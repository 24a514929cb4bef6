using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Communities;

/// <summary>Sandbox controls for communities: what they hold and received, residents changed and CSV dropped on demand for the demo.</summary>
internal static partial class SandboxCommunityApi
{
    public static IEndpointRouteBuilder MapSandboxCommunityApi(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/_sandbox/communities");
        sandbox.MapGet("/", (CommunitySimulator communities) => Results.Json(communities.List()));
        sandbox.MapGet("/{code}/cards", GetCards);
        sandbox.MapPost("/{code}/drop", PostDrop);
        sandbox.MapPut("/{code}/residents/{residentId}", PutResidentAsync);
        sandbox.MapDelete("/{code}/residents/{residentId}", (string code, string residentId, CommunitySimulator communities) =>
            communities.Find(code) is null ? UnknownCommunity(code)
            : communities.Remove(code, residentId) ? Results.NoContent()
            : ApiError.Result(StatusCodes.Status404NotFound, "resident_not_found", $"No resident {residentId} in {code}."));
        return app;
    }

    private static IResult GetCards(string code, CommunitySimulator communities)
    {
        if (communities.Find(code) is null)
        {
            return UnknownCommunity(code);
        }

        var summary = communities.CardUpdates(code);
        return Results.Json(new
        {
            summary.TotalRequests,
            Cards = summary.Latest
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new { ResidentId = c.Key, c.Value.CardNumber, c.Value.Status, c.Value.IssuedOn, Requests = summary.RequestsPerResident[c.Key] }),
        });
    }

    /// <summary>POST /_sandbox/communities/{code}/drop?folder=&amp;date=yyyy-MM-dd&amp;encoding=gb18030|utf8bom|utf8&amp;headers=zh|en</summary>
    private static IResult PostDrop(string code, string? folder, string? date, string? encoding, string? headers,
        CommunitySimulator communities, SandboxOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        if (communities.Find(code) is null)
        {
            return UnknownCommunity(code);
        }

        var target = folder ?? options.DropFolder;
        if (string.IsNullOrEmpty(target))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "no_folder", "Give ?folder= or start the sandbox with a drop folder.");
        }

        var day = ShanghaiTime.Today(time);
        if (date is not null && !DateOnly.TryParseExact(date, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_date", "date must be yyyy-MM-dd or yyyyMMdd.");
        }

        encoding ??= CsvDropFormat.Gb18030;
        headers ??= CsvDropFormat.ChineseHeaders;
        if (CsvDropFormat.Problem(encoding, headers) is { } problem)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_format", problem);
        }

        var path = communities.WriteCsvDrop(code, target, day, encoding, headers);
        var logger = loggers.CreateLogger(typeof(SandboxCommunityApi));
        Log.DropWritten(logger, code, path);
        return Results.Json(new { Path = path }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Adds or changes one resident (the body is a resident as the API serves it; resident_id comes from the path).</summary>
    private static async Task<IResult> PutResidentAsync(string code, string residentId, HttpRequest request,
        CommunitySimulator communities, CancellationToken cancellationToken)
    {
        if (communities.Find(code) is null)
        {
            return UnknownCommunity(code);
        }

        SimResident? resident;
        try
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (body is not JsonObject fields)
            {
                return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_body", "A resident object is required.");
            }

            fields["resident_id"] = residentId;
            resident = fields.Deserialize<SimResident>(SandboxJson.Options)!;
        }
        catch (JsonException e)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_body", e.Message);
        }

        communities.Upsert(code, resident);
        return Results.NoContent();
    }

    private static IResult UnknownCommunity(string code) =>
        ApiError.Result(StatusCodes.Status404NotFound, "unknown_community", $"Community {code} is not in the sandbox.");

    private static partial class Log
    {
        [LoggerMessage(EventId = 9103, Level = LogLevel.Information, Message = "Community {Community} dropped {Path}")]
        public static partial void DropWritten(ILogger logger, string community, string path);
    }
}
