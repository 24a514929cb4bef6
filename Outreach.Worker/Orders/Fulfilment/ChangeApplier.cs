using Npgsql;
using NpgsqlTypes;
using Outreach.Integrations.Bookstore;
using Outreach.Worker.Messages;
using Outreach.Worker.Orders.Notices;

namespace Outreach.Worker.Orders.Fulfilment;

/// <summary>What applying a batch of changes did.</summary>
public sealed record ApplyOutcome(int Received, int Duplicates, int Moved, int Kept, int UnknownOrders, int Notices)
{
    public static readonly ApplyOutcome None = new(0, 0, 0, 0, 0, 0);

    public ApplyOutcome Plus(ApplyOutcome other) => new(Received + other.Received, Duplicates + other.Duplicates, Moved + other.Moved,
        Kept + other.Kept, UnknownOrders + other.UnknownOrders, Notices + other.Notices);
}

/// <summary>
/// Applies bookstore changes, from the feed or a webhook, inside the caller's transaction: each seq goes into the
/// ledger once (a seq already there is a duplicate and does nothing), then each new change, in seq order, moves its
/// order or is kept in its history (<see cref="FulfilmentRules"/>), and a move into ready_for_pickup or cancelled
/// writes the reader's notice. A handful of set-based statements per batch, whatever its size.
/// </summary>
public sealed class ChangeApplier(TimeProvider clock)
{
    public const string ViaFeed = "feed";
    public const string ViaWebhook = "webhook";

    public async Task<ApplyOutcome> ApplyAsync(NpgsqlConnection connection, IReadOnlyList<OrderChange> changes, string via, CancellationToken cancellationToken)
    {
        var distinct = changes.DistinctBy(c => c.Seq).OrderBy(c => c.Seq).ToList();
        var fresh = await RecordAsync(connection, distinct, via, cancellationToken);
        var duplicates = changes.Count - fresh.Count;
        if (fresh.Count == 0)
        {
            return ApplyOutcome.None with { Received = changes.Count, Duplicates = duplicates };
        }

        var orders = await LockOrdersAsync(connection, fresh.Select(c => c.OrderRef).Distinct().ToArray(), cancellationToken);
        var plan = new Plan(clock.GetUtcNow());
        foreach (var change in fresh)
        {
            plan.Add(change, orders.GetValueOrDefault(change.OrderRef));
        }

        await plan.WriteAsync(connection, cancellationToken);
        return new ApplyOutcome(changes.Count, duplicates, plan.Moved, plan.Kept, plan.Unknown, plan.Notices.Count);
    }

    /// <returns>The changes whose seq was not in the ledger yet, in seq order.</returns>
    private async Task<List<OrderChange>> RecordAsync(NpgsqlConnection connection, List<OrderChange> changes, string via, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO outreach.bookstore_changes (seq, order_ref, bookstore_order_id, status, at, note, via, received_at)
            SELECT u.*, $7, $8 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS u
            ON CONFLICT (seq) DO NOTHING
            RETURNING seq
            """, connection);
        command.Parameters.AddWithValue(changes.Select(c => c.Seq).ToArray());
        command.Parameters.AddWithValue(changes.Select(c => c.OrderRef).ToArray());
        command.Parameters.Add(new NpgsqlParameter { Value = changes.Select(c => c.OrderId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.AddWithValue(changes.Select(c => c.Status).ToArray());
        command.Parameters.AddWithValue(changes.Select(c => c.At.ToUniversalTime()).ToArray());
        command.Parameters.Add(new NpgsqlParameter { Value = changes.Select(c => c.Note).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.AddWithValue(via);
        command.Parameters.AddWithValue(clock.GetUtcNow());

        var inserted = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add(reader.GetInt64(0));
        }

        return changes.Where(c => inserted.Contains(c.Seq)).ToList();
    }

    private static async Task<Dictionary<string, TrackedOrder>> LockOrdersAsync(NpgsqlConnection connection, string[] orderRefs, CancellationToken cancellationToken)
    {
        // In id order, like every other writer of many orders, so two appliers never wait on each other in a circle.
        await using var command = new NpgsqlCommand("""
            SELECT id, order_ref, status FROM outreach.book_orders WHERE order_ref = ANY($1) ORDER BY id FOR UPDATE
            """, connection);
        command.Parameters.AddWithValue(orderRefs);
        var orders = new Dictionary<string, TrackedOrder>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            orders[reader.GetString(1)] = new TrackedOrder(reader.GetInt64(0), reader.GetString(2));
        }

        return orders;
    }

    private sealed class TrackedOrder(long id, string status)
    {
        public long Id { get; } = id;

        public string Status { get; set; } = status;

        public bool Changed { get; set; }

        public string? BookstoreOrderId { get; set; }

        public DateTimeOffset ChangedAt { get; set; }

        public StaffMessage? Reason { get; set; }
    }

    /// <summary>The decisions for one batch, written at the end in one round trip.</summary>
    private sealed class Plan(DateTimeOffset now)
    {
        private readonly List<TrackedOrder> _touched = [];
        private readonly List<OrderEvent> _events = [];
        private readonly List<(long Seq, string Outcome)> _outcomes = [];

        public List<(long OrderId, string Kind)> Notices { get; } = [];

        public int Moved { get; private set; }

        public int Kept { get; private set; }

        public int Unknown { get; private set; }

        public void Add(OrderChange change, TrackedOrder? order)
        {
            if (order is null)
            {
                Unknown++;
                _outcomes.Add((change.Seq, "unknown order_ref: no order of the hub has it"));
                return;
            }

            var from = order.Status;
            var transition = FulfilmentRules.Decide(from, change.Status);
            if (!transition.Moves)
            {
                Kept++;
                _events.Add(new OrderEvent(order.Id, now, OrderEventKind.ChangeKept, from, change.Status, change.Seq, "bookstore",
                    Said: KeptBecause(transition.WhyKept!, change.Note)));
                _outcomes.Add((change.Seq, $"kept in history: {transition.WhyKept}"));
                return;
            }

            Moved++;
            if (!order.Changed)
            {
                _touched.Add(order);
                order.Changed = true;
            }

            order.Status = change.Status;
            order.BookstoreOrderId = change.OrderId ?? order.BookstoreOrderId;
            order.ChangedAt = change.At.ToUniversalTime();
            order.Reason = change.Status != OrderStatus.Cancelled ? null
                : string.IsNullOrWhiteSpace(change.Note) ? StaffMessage.Of("Order.CancelledByBookstore", $"cancelled by the bookstore")
                : StaffMessage.Of("Order.CancelledByBookstoreNote", $"cancelled by the bookstore ({change.Note})");
            _events.Add(new OrderEvent(order.Id, now, OrderEventKind.Change, from, change.Status, change.Seq, "bookstore", change.Note));
            _outcomes.Add((change.Seq, $"moved {from} → {change.Status}"));
            if (FulfilmentRules.NoticeFor(change.Status) is { } notice)
            {
                Notices.Add((order.Id, notice));
            }
        }

        public async Task WriteAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(connection);
            if (_touched.Count > 0)
            {
                var update = new NpgsqlBatchCommand("""
                    UPDATE outreach.book_orders o
                    SET status = u.status, bookstore_order_id = coalesce(u.bookstore_order_id, o.bookstore_order_id),
                        status_changed_at = u.changed_at, status_reason = u.reason, status_reason_code = u.reason_code, status_reason_args = u.reason_args
                    FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::jsonb[])
                        AS u(id, status, bookstore_order_id, changed_at, reason, reason_code, reason_args)
                    WHERE o.id = u.id
                    """);
                update.Parameters.Add(new NpgsqlParameter { Value = _touched.Select(o => o.Id).ToArray() });
                update.Parameters.Add(new NpgsqlParameter { Value = _touched.Select(o => o.Status).ToArray() });
                update.Parameters.Add(TextArray(_touched.Select(o => o.BookstoreOrderId)));
                update.Parameters.Add(new NpgsqlParameter { Value = _touched.Select(o => o.ChangedAt).ToArray() });
                update.Parameters.Add(TextArray(_touched.Select(o => o.Reason?.English)));
                update.Parameters.Add(TextArray(_touched.Select(o => o.Reason?.Code)));
                update.Parameters.Add(new NpgsqlParameter
                {
                    Value = _touched.Select(o => o.Reason?.ArgsJson).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
                });
                batch.BatchCommands.Add(update);
            }

            if (_events.Count > 0)
            {
                batch.BatchCommands.Add(OrderEvents.Insert(_events));
            }

            var outcomes = new NpgsqlBatchCommand("""
                UPDATE outreach.bookstore_changes c SET outcome = u.outcome
                FROM unnest($1::bigint[], $2::text[]) AS u(seq, outcome) WHERE c.seq = u.seq
                """);
            outcomes.Parameters.Add(new NpgsqlParameter { Value = _outcomes.Select(o => o.Seq).ToArray() });
            outcomes.Parameters.Add(new NpgsqlParameter { Value = _outcomes.Select(o => o.Outcome).ToArray() });
            batch.BatchCommands.Add(outcomes);

            if (Notices.Count > 0)
            {
                batch.BatchCommands.Add(ReaderNoticeLedger.Insert(Notices, now));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        private static NpgsqlParameter TextArray(IEnumerable<string?> values) =>
            new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

        // Why the hub kept the change, and the bookstore's note as it wrote it.
        private static StaffMessage KeptBecause(StaffMessage why, string? note) =>
            string.IsNullOrWhiteSpace(note) ? why : StaffMessage.Of("Order.Kept.WithNote", $"{why} ({note})");
    }
}
