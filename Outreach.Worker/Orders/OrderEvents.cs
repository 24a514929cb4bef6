using Npgsql;
using NpgsqlTypes;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Orders;

/// <summary>The kinds of <c>outreach.book_order_events</c>.</summary>
public static class OrderEventKind
{
    public const string Received = "received";
    public const string Held = "held";
    public const string Released = "released";
    public const string Declined = "declined";
    public const string Pushed = "pushed";
    public const string PushFailed = "push_failed";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string PushAgain = "push_again";

    /// <summary>A bookstore change that moved the order.</summary>
    public const string Change = "change";

    /// <summary>A bookstore change kept in history only (backwards, repeated, after the end, unknown status).</summary>
    public const string ChangeKept = "change_kept";
}

/// <summary>
/// One line of an order's history. Its note is someone's words as written (<see cref="Note"/>: the bookstore's, a staff
/// member's), or the hub's own (<see cref="Said"/>: a message of the catalog, which pages render in the reader's language).
/// </summary>
public sealed record OrderEvent(long OrderId, DateTimeOffset At, string Kind, string? FromStatus, string? ToStatus,
    long? Seq = null, string? Actor = null, string? Note = null, StaffMessage? Said = null);

/// <summary>Writes history lines: any number in one statement, for a batch of its caller's.</summary>
public static class OrderEvents
{
    public static NpgsqlBatchCommand Insert(IReadOnlyCollection<OrderEvent> events)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO outreach.book_order_events (order_id, at, kind, from_status, to_status, seq, actor, note, note_code, note_args)
            SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[],
                $10::jsonb[])
            """);
        command.Parameters.Add(Array(events.Select(e => e.OrderId), NpgsqlDbType.Bigint));
        command.Parameters.Add(Array(events.Select(e => e.At), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Array(events.Select(e => e.Kind), NpgsqlDbType.Text));
        command.Parameters.Add(Array(events.Select(e => e.FromStatus), NpgsqlDbType.Text));
        command.Parameters.Add(Array(events.Select(e => e.ToStatus), NpgsqlDbType.Text));
        command.Parameters.Add(Array(events.Select(e => e.Seq), NpgsqlDbType.Bigint));
        command.Parameters.Add(Array(events.Select(e => e.Actor), NpgsqlDbType.Text));
        command.Parameters.Add(Array(events.Select(e => e.Said?.English ?? e.Note), NpgsqlDbType.Text));
        command.Parameters.Add(Array(events.Select(e => e.Said?.Code), NpgsqlDbType.Text));
        command.Parameters.Add(Array(events.Select(e => e.Said?.ArgsJson), NpgsqlDbType.Jsonb));
        return command;
    }

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType type) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };
}
