using Outreach.Worker.Messages;

namespace Outreach.Worker.Orders.Fulfilment;

/// <summary>What a bookstore change does to an order: move it to the change's status, or stay in its history only.</summary>
public sealed record Transition(bool Moves, StaffMessage? WhyKept)
{
    public static readonly Transition Move = new(true, null);

    public static Transition Keep(StaffMessage why) => new(false, why);
}

/// <summary>
/// The spec's order of fulfilment: accepted → sourcing/backordered → shipped → ready_for_pickup → delivered, and
/// cancelled from any state before delivered. A change that goes backwards, repeats the current status or comes after
/// the end is kept in history but does not move the order. An order the hub has not yet seen accepted (pending or
/// failed: the crash-after-201 case) moves with the bookstore's first change.
/// </summary>
public static class FulfilmentRules
{
    private static readonly Dictionary<string, int> Rank = new(StringComparer.Ordinal)
    {
        [OrderStatus.Pending] = -1,
        [OrderStatus.Failed] = -1,
        [OrderStatus.Accepted] = 0,
        [OrderStatus.Sourcing] = 1,
        [OrderStatus.Backordered] = 1,
        [OrderStatus.Shipped] = 2,
        [OrderStatus.ReadyForPickup] = 3,
        [OrderStatus.Delivered] = 4,
    };

    /// <summary>The statuses the bookstore reports.</summary>
    public static bool IsBookstoreStatus(string status) => status == OrderStatus.Cancelled || (Rank.TryGetValue(status, out var rank) && rank >= 0);

    public static Transition Decide(string current, string incoming)
    {
        if (!IsBookstoreStatus(incoming))
        {
            return Transition.Keep(StaffMessage.Of("Order.Kept.UnknownStatus", $"'{incoming}' is not a status of the bookstore's order API"));
        }

        if (OrderStatus.IsFinal(current))
        {
            return Transition.Keep(StaffMessage.Of("Order.Kept.AlreadyFinal", $"the order is already {current}"));
        }

        if (current == OrderStatus.Held)
        {
            return Transition.Keep(StaffMessage.Of("Order.Kept.Held", $"the order is held for staff and was never sent to the bookstore"));
        }

        if (incoming == current)
        {
            return Transition.Keep(StaffMessage.Of("Order.Kept.Repeats", $"repeats the current status {current}"));
        }

        if (incoming == OrderStatus.Cancelled)
        {
            return Transition.Move;
        }

        // Sourcing and backordered are one step: the bookstore may go from one to the other.
        return Rank[incoming] >= Rank[current]
            ? Transition.Move
            : Transition.Keep(StaffMessage.Of("Order.Kept.Backwards", $"goes back from {current} to {incoming}: kept in history, the order stays {current}"));
    }

    /// <summary>The reader notice a move into <paramref name="status"/> sends, if any.</summary>
    public static string? NoticeFor(string status) => status is OrderStatus.ReadyForPickup or OrderStatus.Cancelled ? status : null;
}
