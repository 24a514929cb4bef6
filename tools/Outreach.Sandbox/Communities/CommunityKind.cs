namespace Outreach.Sandbox.Communities;

/// <summary>How a community hands its roster over: a JSON API, or CSV files dropped into a folder.</summary>
public enum CommunityKind
{
    Rest,
    Csv,
}
