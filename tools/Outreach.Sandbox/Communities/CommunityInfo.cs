namespace Outreach.Sandbox.Communities;

/// <summary>One line of the sandbox overview.</summary>
public sealed record CommunityInfo(string Code, CommunityKind Kind, int Residents, int CardRequests);
