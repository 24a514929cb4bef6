namespace Outreach.Sandbox.Communities;

/// <summary>Names of the community API's routes, as fault rules target them.</summary>
public static class CommunityRoutes
{
    /// <summary>GET /communities/{code}/api/v1/residents</summary>
    public const string Residents = "residents";

    /// <summary>PUT /communities/{code}/api/v1/residents/{resident_id}/library-card</summary>
    public const string LibraryCard = "library-card";
}
