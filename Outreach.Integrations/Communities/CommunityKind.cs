namespace Outreach.Integrations.Communities;

/// <summary>How a community's resident system talks to the hub. Zero is left out so a missing setting is caught.</summary>
public enum CommunityKind
{
    /// <summary>A JSON API (v1) the hub calls.</summary>
    Rest = 1,

    /// <summary>CSV snapshots dropped into a shared folder.</summary>
    Csv = 2,
}
