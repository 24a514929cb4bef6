namespace Outreach.Sandbox.Bookstore;

/// <summary>Names of the bookstore API's routes, as fault rules target them.</summary>
public static class BookstoreRoutes
{
    /// <summary>POST /bookstore/api/v1/orders</summary>
    public const string Orders = "bookstore-orders";

    /// <summary>GET /bookstore/api/v1/orders/changes</summary>
    public const string Changes = "bookstore-changes";
}
