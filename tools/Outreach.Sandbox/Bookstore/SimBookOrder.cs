namespace Outreach.Sandbox.Bookstore;

/// <summary>Where an order goes, as the hub sent it.</summary>
public sealed record SimDeliverTo(string? Kind, string? Community);

/// <summary>The body of POST /api/v1/orders as the bookstore reads it; two bodies are the same order when they are equal.</summary>
public sealed record SimOrderBody(string? OrderRef, string? Isbn, string? Title, int? Quantity, SimDeliverTo? DeliverTo, string? ReaderCard, string? BudgetCode)
{
    public string? Problem() =>
        string.IsNullOrWhiteSpace(OrderRef) ? "order_ref is required."
        : string.IsNullOrWhiteSpace(Isbn) ? "isbn is required."
        : string.IsNullOrWhiteSpace(Title) ? "title is required."
        : Quantity is null ? "quantity is required."
        : DeliverTo?.Kind is not ("library_desk" or "community_room") ? "deliver_to.kind must be library_desk or community_room."
        : DeliverTo.Kind == "community_room" && string.IsNullOrWhiteSpace(DeliverTo.Community) ? "deliver_to.community is required for a community_room."
        : string.IsNullOrWhiteSpace(ReaderCard) ? "reader_card is required."
        : string.IsNullOrWhiteSpace(BudgetCode) ? "budget_code is required."
        : null;
}

/// <summary>An order the bookstore holds: its id, the body it was created with, and its status now.</summary>
public sealed record SimBookOrder(string OrderId, SimOrderBody Body, string Status, DateTimeOffset CreatedAt, int Requests);

/// <summary>One change of the feed, and the answer the hub gave when it was sent as a webhook (null: not sent).</summary>
public sealed record SimChange(long Seq, string OrderId, string OrderRef, string Status, string At, string? Note)
{
    public int? WebhookStatus { get; init; }
}
