using System.Globalization;
using System.Text.Json;
using Outreach.Sandbox.Faults;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Communities;

/// <summary>The community systems' API, spec kind rest v1, under /communities/{code}/.</summary>
internal static partial class CommunityApi
{
    private const int DefaultLimit = 500;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapCommunityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/communities/{code}/api/v1")
            .AddEndpointFilter<HttpFaultFilter>()
            .AddEndpointFilter<CommunityAuthFilter>();
        api.MapGet("/residents", GetResidents).WithMetadata(new FaultScope(CommunityRoutes.Residents));
        api.MapPut("/residents/{residentId}/library-card", PutLibraryCardAsync).WithMetadata(new FaultScope(CommunityRoutes.LibraryCard));
        return app;
    }

    private static IResult GetResidents(string code, string? limit, string? since, CommunitySimulator communities, ResidentFeed feed)
    {
        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_limit", $"limit must be a whole number from 1 to {MaxLimit}.");
        }

        var community = communities.Find(code)!; // CommunityAuthFilter let only a known rest community through
        var page = feed.Read(community, since, pageSize);
        return page is null
            ? ApiError.Result(StatusCodes.Status400BadRequest, "invalid_cursor", "since is not a cursor of this community's current run; start again with a full snapshot.")
            : Results.Json(page);
    }

    private static async Task<IResult> PutLibraryCardAsync(string code, string residentId, HttpRequest request,
        CommunitySimulator communities, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        LibraryCardBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<LibraryCardBody>(request.Body, SandboxJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_body", $"The body is not valid JSON: {e.Message}");
        }

        if ((body is null ? "A body {card_number, status, issued_on} is required." : body.Problem()) is { } problem)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_body", problem);
        }

        var community = communities.Find(code)!; // as above
        if (!community.Residents.Contains(residentId))
        {
            return ApiError.Result(StatusCodes.Status404NotFound, "resident_not_found", $"No resident {residentId} in {community.Code}.");
        }

        var card = body!.ToCard();
        community.Cards.Record(residentId, card);
        var logger = loggers.CreateLogger(typeof(CommunityApi));
        Log.CardReceived(logger, community.Code, card.Status);
        return Results.NoContent();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Community {Community} received a library card update ({Status})")]
        public static partial void CardReceived(ILogger logger, string community, string status);
    }
}
