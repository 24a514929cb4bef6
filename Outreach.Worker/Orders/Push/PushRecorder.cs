using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Integrations.Bookstore;
using Outreach.Worker.Messages;
using Outreach.Worker.Orders.Notices;

namespace Outreach.Worker.Orders.Push;

/// <summary>
/// Writes the bookstore's answer to one pushed order, with its history line (and the reader's notice for a 422), in one
/// transaction. Only a pending order changes: when the feed has already moved it (the bookstore's change overtook the
/// answer), the answer has nothing left to say.
/// </summary>
public sealed class PushRecorder(NpgsqlDataSource dataSource, IOptionsMonitor<OrdersOptions> options, TimeProvider clock)
{
    public Task<bool> RecordAsync(PendingOrder order, PushResult result, CancellationToken cancellationToken) => result.Outcome switch
    {
        PushOutcome.Created or PushOutcome.AlreadyHeld =>
            WriteAsync(order, OrderStatus.Accepted, null, result.OrderId, null, OrderEventKind.Pushed, result.Message, null, cancellationToken),
        PushOutcome.Rejected =>
            WriteAsync(order, OrderStatus.Rejected, Rejected(result.Error!), null, null, OrderEventKind.Rejected, result.Message,
                NoticeKind.Rejected, cancellationToken),
        _ => WriteAsync(order, OrderStatus.Failed, StaffMessage.Of("Order.BookstoreSaid", $"{result.Message}"), null, result.Message, OrderEventKind.Failed, result.Message, null, cancellationToken),
    };

    /// <summary>The push did not get through this time; after Outreach:Orders:MaxPushAttempts runs the order is failed for staff.</summary>
    /// <returns>The order's status now (pending, or failed when this was its last attempt); null when it was no longer pending.</returns>
    public async Task<string?> TransientAsync(PendingOrder order, string error, CancellationToken cancellationToken)
    {
        var maxAttempts = options.CurrentValue.MaxPushAttempts;
        var (status, reason, kind) = order.PushAttempts + 1 >= maxAttempts
            ? (OrderStatus.Failed, StaffMessage.Of("Order.GaveUp", $"gave up after {maxAttempts} push attempts; last: {error}"), OrderEventKind.Failed)
            : (OrderStatus.Pending, (StaffMessage?)null, OrderEventKind.PushFailed);
        return await WriteAsync(order, status, reason, null, error, kind, error, null, cancellationToken) ? status : null;
    }

    // The spec's 422 codes, each in words of its own; another code is named as the bookstore sent it.
    private static StaffMessage Rejected(string error) => error switch
    {
        "isbn_not_in_catalog" or "invalid_isbn" or "quantity_out_of_range" => new StaffMessage("Order.Rejected." + error, PushResult.Describe(error), [error]),
        _ => StaffMessage.Of("Order.Rejected.Other", $"{PushResult.Describe(error)}"),
    };

    /// <returns>False when the order was no longer pending.</returns>
    private async Task<bool> WriteAsync(PendingOrder order, string status, StaffMessage? reason, string? bookstoreOrderId, string? pushError,
        string eventKind, string note, string? notice, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = new NpgsqlCommand("""
            UPDATE outreach.book_orders
            SET status = $2, status_reason = $3, status_reason_code = $7, status_reason_args = $8, bookstore_order_id = coalesce($4, bookstore_order_id), push_attempts = push_attempts + 1,
                last_push_at = $5, last_push_error = $6, status_changed_at = CASE WHEN $2 = 'pending' THEN status_changed_at ELSE $5 END
            WHERE id = $1 AND status = 'pending'
            """, connection);
        update.Parameters.AddWithValue(order.Id);
        update.Parameters.AddWithValue(status);
        update.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)reason?.English ?? DBNull.Value);
        update.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)bookstoreOrderId ?? DBNull.Value);
        update.Parameters.AddWithValue(now);
        update.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)pushError ?? DBNull.Value);
        update.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)reason?.Code ?? DBNull.Value);
        update.Parameters.AddWithValue(NpgsqlDbType.Jsonb, (object?)reason?.ArgsJson ?? DBNull.Value);
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await using var batch = new NpgsqlBatch(connection)
        {
            // A refusal's history line says what the order's reason says; other answers are the bookstore's words as it sent them.
            BatchCommands =
            {
                OrderEvents.Insert([new OrderEvent(order.Id, now, eventKind, OrderStatus.Pending, status, Actor: "push", Note: note,
                    Said: eventKind == OrderEventKind.Rejected ? reason : null)]),
            },
        };
        if (notice is not null)
        {
            batch.BatchCommands.Add(ReaderNoticeLedger.Insert([(order.Id, notice)], now));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
