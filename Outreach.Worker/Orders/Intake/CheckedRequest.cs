namespace Outreach.Worker.Orders.Intake;

/// <summary>A request whose fields are each valid on their own (before the card, limits and budget are looked up).</summary>
public sealed record CheckedRequest(
    string CardNumber,
    string Isbn13,
    string Title,
    int Quantity,
    decimal UnitPrice,
    string BudgetCode,
    string DeliverKind,
    string? DeliverCommunity,
    string? ExternalRef)
{
    public decimal Amount => Quantity * UnitPrice;
}
