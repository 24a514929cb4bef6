namespace Outreach.Dashboard.Orders;

/// <summary>Words of the bookstore order pages and the order states every page shows; Resources/Orders/OrdersText.*.resx.</summary>
public sealed class OrdersText;
