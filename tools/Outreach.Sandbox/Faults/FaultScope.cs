namespace Outreach.Sandbox.Faults;

/// <summary>Endpoint metadata naming a route for fault rules (see CommunityRoutes).</summary>
public sealed record FaultScope(string Route);
