namespace Outreach.Dashboard.Bookstore;

/// <summary>Words of the bookstore order pages and the order states every page shows; Resources/Bookstore/OrdersText.*.resx.</summary>
public sealed class OrdersText;
