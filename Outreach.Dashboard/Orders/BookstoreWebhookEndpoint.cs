using Outreach.Dashboard.Staff;
using Outreach.Integrations.Bookstore;
using Outreach.Worker.Orders.Fulfilment;

namespace Outreach.Dashboard.Orders;

/// <summary>
/// POST /webhooks/bookstore: the bookstore's signed change calls. Anonymous by necessity; the receiver checks the
/// HMAC signature and the five-minute window over the raw body before anything is read from it.
/// </summary>
internal static class BookstoreWebhookEndpoint
{
    public const string Path = AnonymousRoutes.Webhooks + "/bookstore";

    public static IEndpointRouteBuilder MapBookstoreWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, BookstoreWebhook webhook, CancellationToken cancellationToken)
    {
        if (request.ContentLength > BookstoreWebhook.MaxBodyBytes)
        {
            return Results.Json(new { message = "the body is larger than one change" }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        // The signature covers the exact bytes sent, so the body is read raw, never through a JSON binder.
        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > BookstoreWebhook.MaxBodyBytes)
            {
                return Results.Json(new { message = "the body is larger than one change" }, statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            body.Write(buffer, 0, read);
        }

        var verdict = await webhook.ReceiveAsync(request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader],
            body.ToArray(), cancellationToken);
        return Results.Json(new { message = verdict.Message }, statusCode: verdict.StatusCode);
    }
}
