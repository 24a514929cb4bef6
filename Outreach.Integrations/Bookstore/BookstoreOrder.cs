using System.Text.Json.Serialization;

namespace Outreach.Integrations.Bookstore;

/// <summary>The body of <c>POST /api/v1/orders</c>; <see cref="OrderRef"/> is also the Idempotency-Key.</summary>
public sealed record BookstoreOrder(
    [property: JsonPropertyName("order_ref")] string OrderRef,
    [property: JsonPropertyName("isbn")] string Isbn,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("deliver_to")] DeliverTo DeliverTo,
    [property: JsonPropertyName("reader_card")] string ReaderCard,
    [property: JsonPropertyName("budget_code")] string BudgetCode);

/// <summary>Where the bookstore delivers: the library desk, or a community's reading room.</summary>
public sealed record DeliverTo(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("community")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Community)
{
    public const string LibraryDesk = "library_desk";
    public const string CommunityRoom = "community_room";

    public static bool IsKind(string? kind) => kind is LibraryDesk or CommunityRoom;
}
