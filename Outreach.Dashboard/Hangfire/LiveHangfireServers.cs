using Hangfire;

namespace Outreach.Dashboard.Hangfire;

/// <summary>Counts the Hangfire servers that beat recently: those that actually take jobs now.</summary>
public sealed class LiveHangfireServers(JobStorage storage, TimeProvider clock)
{
    // Servers beat every 30 s by default; one missed beat is tolerated.
    public static readonly TimeSpan HeartbeatTolerance = TimeSpan.FromMinutes(1);

    public int Count()
    {
        var since = clock.GetUtcNow().UtcDateTime - HeartbeatTolerance;
        return storage.GetMonitoringApi().Servers().Count(s => s.Heartbeat >= since);
    }
}
