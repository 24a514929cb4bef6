using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Resilience;
using Polly;

namespace Outreach.Integrations.Bookstore;

/// <summary>
/// The typed HttpClient for the bookstore's v1 API. Calls go through the hub's resilience pipeline (POST included:
/// the Idempotency-Key makes a retried push safe); what still fails afterwards becomes a <see cref="BookstoreException"/>.
/// </summary>
internal sealed class BookstoreApiClient(HttpClient http, IOptionsMonitor<BookstoreOptions> options, ILogger<BookstoreApiClient> logger) : IBookstore
{
    private const string Pushing = "pushing an order";
    private const string ReadingChanges = "reading the changes feed";

    public async Task<PushResult> PushOrderAsync(BookstoreOrder order, CancellationToken cancellationToken)
    {
        var settings = Configured();
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri($"{ApiRoot(settings)}/orders"))
        {
            Content = JsonContent.Create(order),
        };
        message.Headers.Add("Idempotency-Key", order.OrderRef);
        using var response = await SendAsync(settings, message, Pushing, cancellationToken);
        var status = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            case HttpStatusCode.Created or HttpStatusCode.OK:
                var accepted = await ReadAsync<AcceptedBody>(response, Pushing, cancellationToken);
                if (string.IsNullOrWhiteSpace(accepted.OrderId))
                {
                    throw new BookstoreException(BookstoreFailure.Unreadable, $"The bookstore accepted order {order.OrderRef} ({status}) without an order_id.", status);
                }

                return PushResult.Accepted(status, accepted.OrderId);
            case HttpStatusCode.UnprocessableEntity:
                var rejected = await ReadAsync<ErrorBody>(response, Pushing, cancellationToken);
                return PushResult.Rejected(string.IsNullOrWhiteSpace(rejected.Error) ? "unprocessable (no reason given)" : rejected.Error);
            case HttpStatusCode.Conflict:
                return PushResult.NotAccepted(status,
                    $"The bookstore holds a different order under the key {order.OrderRef} (409): the order changed after it was first sent");
            case HttpStatusCode.BadRequest:
                var malformed = await TryReadAsync<ErrorBody>(response, cancellationToken);
                return PushResult.NotAccepted(status, $"The bookstore refused the order as malformed (400){(malformed?.Error is { } why ? ": " + why : "")}");
            default:
                throw Failed(settings, response.StatusCode, Pushing);
        }
    }

    public async Task<ChangesPage> GetChangesAsync(long afterSeq, CancellationToken cancellationToken)
    {
        var settings = Configured();
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture,
            $"{ApiRoot(settings)}/orders/changes?after={afterSeq}&limit={settings.ChangesPageSize}"));
        using var message = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await SendAsync(settings, message, ReadingChanges, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Failed(settings, response.StatusCode, ReadingChanges);
        }

        var page = await ReadAsync<ChangesPage>(response, ReadingChanges, cancellationToken);
        if (page.Changes is null)
        {
            throw new BookstoreException(BookstoreFailure.Unreadable, "The bookstore sent a changes page without a \"changes\" array.", 200);
        }

        if (page.Changes.Select(c => c.Problem()).FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new BookstoreException(BookstoreFailure.Unreadable, $"The bookstore sent a change the hub cannot use: {problem}.", 200);
        }

        Log.ChangesRead(logger, afterSeq, page.Changes.Count, page.LastSeq);
        return page;
    }

    private BookstoreOptions Configured()
    {
        var settings = options.CurrentValue;
        return settings.IsConfigured
            ? settings
            : throw new BookstoreException(BookstoreFailure.Configuration,
                $"The bookstore is not configured: set {BookstoreOptions.KeyOf(nameof(BookstoreOptions.BaseUrl))} and {BookstoreOptions.KeyOf(nameof(BookstoreOptions.Token))}");
    }

    private static string ApiRoot(BookstoreOptions settings) => $"{settings.BaseUrl!.TrimEnd('/')}/api/v1";

    private Task<HttpResponseMessage> SendAsync(BookstoreOptions settings, HttpRequestMessage message, string operation, CancellationToken cancellationToken) =>
        http.SendAsync(new OutsideCall(settings.Token, (why, exception) => Unreachable(settings, operation, why, exception)).Attach(message),
            HttpCompletionOption.ResponseContentRead, cancellationToken);

    private static BookstoreException Unreachable(BookstoreOptions settings, string operation, NoAnswer noAnswer, Exception exception) => noAnswer switch
    {
        NoAnswer.CircuitOpen => new BookstoreException(BookstoreFailure.CircuitOpen,
            $"The bookstore failed repeatedly, so the hub pauses calls to it for a while (circuit open), when {operation}", null, exception),
        NoAnswer.TimedOut => new BookstoreException(BookstoreFailure.Transient, $"The bookstore did not answer in time, when {operation}, after retries", null, exception),
        _ => new BookstoreException(BookstoreFailure.Transient,
            $"The bookstore could not be reached at {settings.BaseUrl} ({exception.Message}), when {operation}, after retries", null, exception),
    };

    private static BookstoreException Failed(BookstoreOptions settings, HttpStatusCode status, string operation)
    {
        var code = (int)status;
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new BookstoreException(BookstoreFailure.Configuration,
                $"The bookstore refused the hub's token ({code}) when {operation}: check {BookstoreOptions.KeyOf(nameof(BookstoreOptions.Token))}", code),
            HttpStatusCode.NotFound => new BookstoreException(BookstoreFailure.Configuration,
                $"The bookstore has no order API at {settings.BaseUrl} ({code}): check {BookstoreOptions.KeyOf(nameof(BookstoreOptions.BaseUrl))}", code),
            _ when WasRetried(status) => new BookstoreException(BookstoreFailure.Transient,
                $"The bookstore answered {code} ({status}) when {operation}, after retries", code),
            _ => new BookstoreException(BookstoreFailure.Unreadable, $"The bookstore answered {code} ({status}) when {operation}", code),
        };
    }

    // The resilience pipeline's own rule, so the message never claims retries that did not happen.
    private static bool WasRetried(HttpStatusCode status)
    {
        using var response = new HttpResponseMessage(status);
        return HttpClientResiliencePredicates.IsTransient(Outcome.FromResult(response));
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                ?? throw new JsonException("The body is empty.");
        }
        catch (JsonException exception)
        {
            throw new BookstoreException(BookstoreFailure.Unreadable,
                $"The bookstore sent an answer the hub cannot read when {operation} ({exception.Message})", (int)response.StatusCode, exception);
        }
    }

    private static async Task<T?> TryReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record AcceptedBody([property: JsonPropertyName("order_id")] string? OrderId, [property: JsonPropertyName("status")] string? Status);

    private sealed record ErrorBody([property: JsonPropertyName("error")] string? Error);
}
