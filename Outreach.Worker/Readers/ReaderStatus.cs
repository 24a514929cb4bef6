using Outreach.Integrations.Communities;

namespace Outreach.Worker.Readers;

/// <summary>The resident statuses as stored (the roster's own words).</summary>
public static class ReaderStatus
{
    public const string Active = "active";
    public const string MovedOut = "moved_out";
    public const string Withdrawn = "withdrawn";
    public const string Deceased = "deceased";

    public static string Name(ResidentStatus status) => status switch
    {
        ResidentStatus.Active => Active,
        ResidentStatus.MovedOut => MovedOut,
        ResidentStatus.Withdrawn => Withdrawn,
        ResidentStatus.Deceased => Deceased,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown resident status."),
    };
}
