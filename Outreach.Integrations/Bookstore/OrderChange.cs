using System.Text.Json.Serialization;

namespace Outreach.Integrations.Bookstore;

/// <summary>One fulfilment change of the feed or of a webhook call; <see cref="Seq"/> orders and identifies it.</summary>
public sealed record OrderChange(
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("order_id")] string? OrderId,
    [property: JsonPropertyName("order_ref")] string OrderRef,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("note")] string? Note)
{
    /// <summary>Why the change cannot be used, or null when it can.</summary>
    public string? Problem() =>
        Seq <= 0 ? "seq must be a positive number"
        : string.IsNullOrWhiteSpace(OrderRef) ? "order_ref is required"
        : string.IsNullOrWhiteSpace(Status) ? "status is required"
        : At == default ? "at is required"
        : null;
}

/// <summary>One page of <c>GET /api/v1/orders/changes</c>.</summary>
public sealed record ChangesPage(
    [property: JsonPropertyName("changes")] IReadOnlyList<OrderChange> Changes,
    [property: JsonPropertyName("last_seq")] long LastSeq);
