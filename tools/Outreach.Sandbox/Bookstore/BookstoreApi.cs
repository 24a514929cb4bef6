using System.Globalization;
using System.Text.Json;
using Outreach.Sandbox.Faults;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Bookstore;

/// <summary>The bookstore branch's order API v1 (specs/bookstore.md) under /bookstore/, and its sandbox controls.</summary>
internal static partial class BookstoreApi
{
    private const int DefaultLimit = 200;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapBookstoreApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/bookstore/api/v1")
            .AddEndpointFilter<HttpFaultFilter>()
            .AddEndpointFilter<BookstoreAuthFilter>();
        api.MapPost("/orders", PostOrderAsync).WithMetadata(new FaultScope(BookstoreRoutes.Orders));
        api.MapGet("/orders/changes", GetChanges).WithMetadata(new FaultScope(BookstoreRoutes.Changes));
        return app.MapSandboxBookstoreApi();
    }

    private static async Task<IResult> PostOrderAsync(HttpContext http, BookstoreSimulator bookstore, FaultInjector faults, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "missing_idempotency_key", "Idempotency-Key: <order_ref> is required.");
        }

        SimOrderBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SimOrderBody>(http.Request.Body, SandboxJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_body", $"The body is not valid JSON: {e.Message}");
        }

        if ((body is null ? "A body is required." : body.Problem()) is { } problem)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_body", problem);
        }

        if (!string.Equals(body!.OrderRef, key, StringComparison.Ordinal))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_body", "order_ref must equal the Idempotency-Key.");
        }

        var (answer, order, error) = bookstore.Push(key, body);
        var logger = loggers.CreateLogger(typeof(BookstoreApi));
        Log.Pushed(logger, key, answer);
        switch (answer)
        {
            case SimPushAnswer.Conflict:
                return ApiError.Result(StatusCodes.Status409Conflict, "idempotency_conflict", $"{key} was used for a different order.");
            case SimPushAnswer.Rejected:
                return Results.Json(new { error }, SandboxJson.Options, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        if (faults.TryConsume(FaultTarget.ForEndpoint(http), FaultKind.DelayAfterAccept) is { } slow)
        {
            Log.Slowed(logger, key, slow.DelayMs);
            await Task.Delay(TimeSpan.FromMilliseconds(slow.DelayMs), time, cancellationToken);
        }

        if (faults.TryConsume(FaultTarget.ForEndpoint(http), FaultKind.DropAfterAccept) is not null)
        {
            Log.Dropped(logger, key);
            http.Abort();
            return Results.Empty;
        }

        return Results.Json(new { OrderId = order!.OrderId, Status = "accepted" }, SandboxJson.Options,
            statusCode: answer == SimPushAnswer.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static IResult GetChanges(HttpContext http, string? after, string? limit, BookstoreSimulator bookstore, FaultInjector faults)
    {
        long afterSeq = 0;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq)))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_after", "after must be a seq (a whole number, 0 or more).");
        }

        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_limit", $"limit must be a whole number from 1 to {MaxLimit}.");
        }

        var page = bookstore.ChangesAfter(afterSeq, pageSize);
        var duplicate = page.Count > 0 && faults.TryConsume(FaultTarget.ForEndpoint(http), FaultKind.DuplicateChanges) is not null;
        var served = page.SelectMany(c => duplicate ? new[] { c, c } : [c])
            .Select(c => new FeedChange(c.Seq, c.OrderId, c.OrderRef, c.Status, c.At, c.Note));
        return Results.Json(new { Changes = served, LastSeq = page.Count == 0 ? afterSeq : page[^1].Seq }, SandboxJson.Options);
    }

    private sealed record FeedChange(long Seq, string OrderId, string OrderRef, string Status, string At, string? Note);

    private static partial class Log
    {
        [LoggerMessage(EventId = 9401, Level = LogLevel.Information, Message = "Bookstore order {OrderRef}: {Answer}")]
        public static partial void Pushed(ILogger logger, string orderRef, SimPushAnswer answer);

        [LoggerMessage(EventId = 9402, Level = LogLevel.Information, Message = "Bookstore order {OrderRef} stored, connection dropped before the answer (sandbox fault)")]
        public static partial void Dropped(ILogger logger, string orderRef);

        [LoggerMessage(EventId = 9403, Level = LogLevel.Information, Message = "Bookstore order {OrderRef} stored, answer held back {DelayMs} ms (sandbox fault)")]
        public static partial void Slowed(ILogger logger, string orderRef, int delayMs);
    }
}
