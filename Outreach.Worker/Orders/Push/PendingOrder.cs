using Outreach.Integrations.Bookstore;

namespace Outreach.Worker.Orders.Push;

/// <summary>An order waiting to be pushed, with what the bookstore needs to see.</summary>
public sealed record PendingOrder(long Id, string OrderRef, string Isbn13, string Title, int Quantity, string DeliverKind, string? DeliverCommunity,
    string CardNumber, string BudgetCode, int PushAttempts)
{
    /// <summary>The body is built from stored fields only, so every retry sends the same body under the same key.</summary>
    public BookstoreOrder ToWire() => new(OrderRef, Isbn13, Title, Quantity,
        new DeliverTo(DeliverKind, DeliverKind == DeliverTo.CommunityRoom ? DeliverCommunity : null), CardNumber, BudgetCode);
}
