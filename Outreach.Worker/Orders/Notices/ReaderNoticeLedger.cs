using Npgsql;

namespace Outreach.Worker.Orders.Notices;

/// <summary>The kinds of notice a reader gets about an order: one each, ever.</summary>
public static class NoticeKind
{
    public const string ReadyForPickup = OrderStatus.ReadyForPickup;
    public const string Cancelled = OrderStatus.Cancelled;
    public const string Rejected = OrderStatus.Rejected;
}

/// <summary>
/// outreach.book_order_notices: a notice is written in the same transaction as the status change that calls for it,
/// keyed by (order, kind), so a change applied twice, a retried job or a second worker can never owe the reader a
/// second e-mail.
/// </summary>
public static class ReaderNoticeLedger
{
    public static NpgsqlBatchCommand Insert(IReadOnlyCollection<(long OrderId, string Kind)> notices, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO outreach.book_order_notices (order_id, kind, created_at)
            SELECT u.order_id, u.kind, $3 FROM unnest($1::bigint[], $2::text[]) AS u(order_id, kind)
            ON CONFLICT (order_id, kind) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = notices.Select(n => n.OrderId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = notices.Select(n => n.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return command;
    }
}
