using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Bookstore;
using Outreach.Integrations.Logging;
using Outreach.Worker.Orders.Notices;

namespace Outreach.Worker.Orders.Fulfilment;

/// <summary>The answer to a webhook call: an HTTP status and a message for the bookstore's logs.</summary>
public sealed record WebhookVerdict(int StatusCode, string Message);

/// <summary>
/// The bookstore's webhook calls, whatever host receives them: the signature and the five-minute window are checked
/// before the body is read, then the one change is applied exactly like a change of the feed. A seq already in the
/// ledger (the same change sent again because the first 2xx was lost, or one the poll applied first) is acknowledged
/// with 200 and changes nothing: the spec says the same change can come twice, and a refusal would be retried for ever.
/// A replay of an old call is refused by the five-minute window before it gets this far.
/// </summary>
public sealed partial class BookstoreWebhook(
    NpgsqlDataSource dataSource,
    ChangeApplier applier,
    IOptionsMonitor<BookstoreOptions> options,
    NoticeEnqueuer notices,
    TimeProvider clock,
    ILogger<BookstoreWebhook> logger)
{
    /// <summary>A change is a few hundred bytes; anything much larger is not the bookstore.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async Task<WebhookVerdict> ReceiveAsync(string? timestamp, string? signature, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var secret = options.CurrentValue.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Refuse(503, $"webhooks are not accepted: {BookstoreOptions.KeyOf(nameof(BookstoreOptions.WebhookSecret))} is not configured");
        }

        var check = WebhookSignature.Verify(secret, timestamp, signature, body.Span, clock.GetUtcNow());
        switch (check)
        {
            case SignatureCheck.Missing:
                return Refuse(401, $"{WebhookSignature.TimestampHeader} and {WebhookSignature.SignatureHeader} are required");
            case SignatureCheck.Malformed:
                return Refuse(401, $"{WebhookSignature.TimestampHeader} must be unix seconds and {WebhookSignature.SignatureHeader} sha256=<hex>");
            case SignatureCheck.Stale:
                return Refuse(401, $"the timestamp is more than {WebhookSignature.Window.TotalMinutes:0} minutes off the hub's clock: stale or replayed call refused");
            case SignatureCheck.Forged:
                return Refuse(401, "the signature does not match the body: call refused");
        }

        OrderChange? change;
        try
        {
            change = JsonSerializer.Deserialize<OrderChange>(body.Span);
        }
        catch (JsonException exception)
        {
            return Refuse(400, $"the body is not one change: {exception.Message}");
        }

        if ((change is null ? "the body is empty" : change.Problem()) is { } problem)
        {
            return Refuse(400, $"the change cannot be used: {problem}");
        }

        ApplyOutcome outcome;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            outcome = await applier.ApplyAsync(connection, [change!], ChangeApplier.ViaWebhook, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (outcome.Duplicates > 0)
        {
            Log.Repeated(logger, change!.Seq);
            return new WebhookVerdict(200, $"seq {change.Seq} was already applied: acknowledged, nothing changed");
        }

        if (outcome.Notices > 0)
        {
            notices.Enqueue();
        }

        var what = outcome.Moved > 0 ? "the order moved" : outcome.UnknownOrders > 0 ? "no order of the hub has this order_ref" : "kept in the order's history";
        Log.Applied(logger, change!.Seq, change.Status);
        return new WebhookVerdict(200, $"seq {change.Seq} applied: {what}");
    }

    private WebhookVerdict Refuse(int statusCode, string message)
    {
        Log.Refused(logger, statusCode, message);
        return new WebhookVerdict(statusCode, message);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Orders + 41, Level = LogLevel.Information, Message = "Bookstore webhook: seq {Seq} ({Status}) applied")]
        public static partial void Applied(ILogger logger, long seq, string status);

        [LoggerMessage(EventId = LogEvents.Orders + 43, Level = LogLevel.Information, Message = "Bookstore webhook: seq {Seq} came again and was acknowledged without change")]
        public static partial void Repeated(ILogger logger, long seq);

        [LoggerMessage(EventId = LogEvents.Orders + 42, Level = LogLevel.Warning, Message = "Bookstore webhook refused ({StatusCode}): {Reason}")]
        public static partial void Refused(ILogger logger, int statusCode, string reason);
    }
}
