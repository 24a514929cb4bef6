using System.Text.Json;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Bookstore;

/// <summary>Sandbox controls for the bookstore: what it holds, fulfilment moved on by hand, the webhook to the hub, the catalogue.</summary>
internal static class SandboxBookstoreApi
{
    public static IEndpointRouteBuilder MapSandboxBookstoreApi(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/_sandbox/bookstore");
        sandbox.MapGet("/", (BookstoreSimulator bookstore) => Results.Json(new
        {
            bookstore.OrderCount,
            bookstore.LastSeq,
            bookstore.Posts,
            Webhook = bookstore.Webhook?.Url,
            bookstore.Orders,
        }, SandboxJson.Options));
        sandbox.MapGet("/changes", (BookstoreSimulator bookstore) => Results.Json(bookstore.Changes, SandboxJson.Options));
        sandbox.MapPost("/orders/{orderRef}/changes", PostChangeAsync);
        sandbox.MapPut("/webhook", PutWebhookAsync);
        sandbox.MapDelete("/webhook", (BookstoreSimulator bookstore) =>
        {
            bookstore.Webhook = null;
            return Results.NoContent();
        });
        sandbox.MapPut("/catalogue/{isbn}", async (string isbn, HttpRequest request, BookstoreSimulator bookstore, CancellationToken cancellationToken) =>
        {
            var body = await ReadAsync<TitleBody>(request, cancellationToken);
            if (string.IsNullOrWhiteSpace(body?.Title))
            {
                return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_body", "A body {\"title\": \"...\"} is required.");
            }

            bookstore.AddToCatalogue(isbn, body.Title);
            return Results.NoContent();
        });
        return app;
    }

    /// <summary>POST /_sandbox/bookstore/orders/{orderRef}/changes {"status": "shipped", "note": "..."}: the bookstore moves the order on.</summary>
    private static async Task<IResult> PostChangeAsync(string orderRef, HttpRequest request, BookstoreSimulator bookstore, CancellationToken cancellationToken)
    {
        var body = await ReadAsync<ChangeBody>(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(body?.Status))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_body", "A body {\"status\": \"...\", \"note\": \"...\"} is required.");
        }

        if (bookstore.Find(orderRef) is null)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, "unknown_order", $"The bookstore holds no order {orderRef}.");
        }

        var change = await bookstore.AdvanceAsync(orderRef, body.Status, body.Note, cancellationToken);
        return Results.Json(change, SandboxJson.Options, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>PUT /_sandbox/bookstore/webhook {"url": "http://127.0.0.1:5000/webhooks/bookstore", "secret": "..."}</summary>
    private static async Task<IResult> PutWebhookAsync(HttpRequest request, BookstoreSimulator bookstore, CancellationToken cancellationToken)
    {
        var body = await ReadAsync<WebhookBody>(request, cancellationToken);
        if (body is null || !Uri.TryCreate(body.Url, UriKind.Absolute, out var url) || string.IsNullOrEmpty(body.Secret))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_body", "A body {\"url\": absolute URL, \"secret\": \"...\"} is required.");
        }

        bookstore.Webhook = new WebhookTarget(url, body.Secret);
        return Results.NoContent();
    }

    private static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, SandboxJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record ChangeBody(string? Status, string? Note);

    private sealed record WebhookBody(string? Url, string? Secret);

    private sealed record TitleBody(string? Title);
}
