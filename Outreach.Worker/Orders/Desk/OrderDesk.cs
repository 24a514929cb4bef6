using Hangfire;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Outreach.Integrations.Logging;
using Outreach.Worker.Audit;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;
using Outreach.Worker.Orders.Push;

namespace Outreach.Worker.Orders.Desk;

/// <summary>What a staff action did: a message of the catalog, which the page renders in the staff member's language.</summary>
public sealed record DeskResult(bool Done, StaffMessage Message);

/// <summary>
/// Staff decisions on single orders: push a failed one again, order a held one anyway, or decline it. Each checks the
/// order is still in the status the page showed, writes a history line naming the staff member, and (for the first
/// two) puts a push on the orders queue.
/// </summary>
public sealed partial class OrderDesk(NpgsqlDataSource dataSource, AuditTrail audit, IBackgroundJobClient jobs, TimeProvider clock, ILogger<OrderDesk> logger)
{
    public Task<DeskResult> PushAgainAsync(string orderRef, AuditActor staff, CancellationToken cancellationToken) =>
        MoveAsync(orderRef, OrderStatus.Failed, OrderStatus.Pending, OrderEventKind.PushAgain, AuditActions.OrderPushedAgain, staff, null, enqueuePush: true,
            cancellationToken);

    /// <summary>A held request is ordered after all (staff checked the library wants another copy).</summary>
    public Task<DeskResult> ReleaseAsync(string orderRef, AuditActor staff, CancellationToken cancellationToken) =>
        MoveAsync(orderRef, OrderStatus.Held, OrderStatus.Pending, OrderEventKind.Released, AuditActions.OrderReleased, staff, null, enqueuePush: true,
            cancellationToken);

    public Task<DeskResult> DeclineAsync(string orderRef, AuditActor staff, string reason, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(new DeskResult(false, StaffMessage.Of("Desk.ReasonRequired", $"Say why the request is declined: the reason is kept with the order.")))
            : MoveAsync(orderRef, OrderStatus.Held, OrderStatus.Declined, OrderEventKind.Declined, AuditActions.OrderDeclined, staff, reason.Trim(),
                enqueuePush: false, cancellationToken);

    private async Task<DeskResult> MoveAsync(string orderRef, string from, string to, string eventKind, string auditAction, AuditActor staff, string? reason,
        bool enqueuePush, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = new NpgsqlCommand("""
            UPDATE outreach.book_orders
            SET status = $3, status_reason = $4, status_changed_at = $5,
                push_attempts = CASE WHEN $3 = 'pending' THEN 0 ELSE push_attempts END,
                last_push_error = CASE WHEN $3 = 'pending' THEN NULL ELSE last_push_error END
            WHERE order_ref = $1 AND status = $2
            RETURNING id
            """, connection);
        update.Parameters.AddWithValue(orderRef);
        update.Parameters.AddWithValue(from);
        update.Parameters.AddWithValue(to);
        update.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)reason ?? DBNull.Value);
        update.Parameters.AddWithValue(now);
        if (await update.ExecuteScalarAsync(cancellationToken) is not long id)
        {
            return new DeskResult(false,
                StaffMessage.Of("Desk.NotInStatus", $"Order {orderRef} is not {from} any more (someone else acted on it, or it changed); nothing was done."));
        }

        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { OrderEvents.Insert([new OrderEvent(id, now, eventKind, from, to, Actor: $"staff:{staff.Name}", Note: reason)]) },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        // The reason stays with the order; the trail keeps the decision (a reason may name a reader).
        await audit.AppendAsync(connection, transaction, staff, new AuditEntry(auditAction, "order:" + orderRef,
            new Dictionary<string, string> { ["from"] = from, ["to"] = to }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Acted(logger, orderRef, eventKind);

        if (!enqueuePush)
        {
            return new DeskResult(true, StaffMessage.Of("Desk.Moved", $"Order {orderRef} is {to}."));
        }

        var jobId = jobs.Enqueue<OrdersPushJob>(HubQueues.Orders, push => push.RunAsync(CancellationToken.None));
        return new DeskResult(true, StaffMessage.Of("Desk.PushQueued", $"Order {orderRef} is pending again; a push is queued (Hangfire job {jobId})."));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Orders + 51, Level = LogLevel.Information, Message = "Staff action {Action} on order {OrderRef}")]
        public static partial void Acted(ILogger logger, string orderRef, string action);
    }
}
