namespace Outreach.Worker.Orders;

/// <summary>
/// An order's status as stored. The hub's own: held (waiting for staff), pending (to push), failed (push gave up),
/// declined (by staff), rejected (422). The bookstore's: accepted, sourcing, backordered, shipped, ready_for_pickup,
/// delivered, cancelled.
/// </summary>
public static class OrderStatus
{
    public const string Held = "held";
    public const string Pending = "pending";
    public const string Failed = "failed";
    public const string Declined = "declined";
    public const string Rejected = "rejected";
    public const string Accepted = "accepted";
    public const string Sourcing = "sourcing";
    public const string Backordered = "backordered";
    public const string Shipped = "shipped";
    public const string ReadyForPickup = "ready_for_pickup";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } =
        [Held, Pending, Failed, Declined, Rejected, Accepted, Sourcing, Backordered, Shipped, ReadyForPickup, Delivered, Cancelled];

    /// <summary>Statuses an order never leaves.</summary>
    public static IReadOnlyList<string> Final { get; } = [Declined, Rejected, Delivered, Cancelled];

    /// <summary>Statuses that wait on someone (the bookstore, the push, staff, the reader): the stuck list looks at these.</summary>
    public static IReadOnlyList<string> Open { get; } = [Held, Pending, Accepted, Sourcing, Backordered, Shipped, ReadyForPickup];

    /// <summary>
    /// Statuses whose books count against the reader's monthly limit and the budget line: every order that is or may
    /// still be bought. SQL: <c>status NOT IN ('declined', 'rejected', 'cancelled')</c>.
    /// </summary>
    public const string CountsAgainstLimitsSql = "status NOT IN ('declined', 'rejected', 'cancelled')";

    public static bool IsKnown(string status) => All.Contains(status);

    public static bool IsFinal(string status) => Final.Contains(status);
}
