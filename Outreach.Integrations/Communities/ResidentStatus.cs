namespace Outreach.Integrations.Communities;

public enum ResidentStatus
{
    Active,
    MovedOut,
    Withdrawn,
    Deceased,
}
