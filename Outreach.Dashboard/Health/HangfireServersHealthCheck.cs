using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Outreach.Dashboard.Hangfire;

namespace Outreach.Dashboard.Health;

/// <summary>Counts the live Hangfire servers; none means jobs wait (degraded, not down).</summary>
internal sealed class HangfireServersHealthCheck(LiveHangfireServers servers) : IHealthCheck
{
    public const string Name = "hangfire";
    public const string ServersKey = "servers";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int live;
        try
        {
            live = servers.Count();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            // The database check reports the cause; here the count is simply unknown.
            live = 0;
        }

        var data = new Dictionary<string, object> { [ServersKey] = live };
        return Task.FromResult(live > 0
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded("No Hangfire server is running: jobs wait.", data: data));
    }
}
