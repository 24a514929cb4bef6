namespace Outreach.Integrations.Logging;

/// <summary>
/// The event id ranges of the hub's log messages, a hundred per feature: every <c>[LoggerMessage]</c> of the hub takes
/// its feature's base plus a number below 100, so two features never hand out the same id (a test checks that no two
/// messages share one). A new feature takes the next free range here.
/// </summary>
public static class LogEvents
{
    // The hub's foundation.
    public const int Storage = 1000;
    public const int Jobs = 1100;
    public const int Scheduling = 2000;

    // Adapters to the outside (Outreach.Integrations).
    public const int CommunityCsvDrop = 2100;
    public const int CommunityRest = 2200;
    public const int Mail = 2300;
    public const int Bookstore = 2400;

    // The domain (Outreach.Worker).
    public const int Staff = 3000;
    public const int RosterSync = 4000;
    public const int CardPush = 4100;
    public const int Orders = 4300;
    public const int Digests = 6000;
    public const int Activity = 6100;
    public const int Metrics = 6200;
    public const int Telemetry = 7000;
    public const int Audit = 7200;
    public const int Privacy = 7300;
    public const int Seats = 7700;

    // The dashboard (Outreach.Dashboard).
    public const int StaffLogin = 5000;
    public const int HangfireDashboard = 5100;
    public const int Health = 5200;
    public const int Schedules = 5300;
    public const int StaffAccounts = 5400;
    public const int OrderApi = 5500;
    public const int DigestEndpoints = 5600;
    public const int KeyRing = 5700;
    public const int MetricsApi = 6300;
}
