using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Outreach.Dashboard.Health;

/// <summary>The /healthz body: {"status":"healthy|degraded|unhealthy","database":"ok|error","hangfireServers":n}.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var database = report.Entries.TryGetValue(DatabaseHealthCheck.Name, out var db) && db.Status == HealthStatus.Healthy ? "ok" : "error";
        var servers = report.Entries.TryGetValue(HangfireServersHealthCheck.Name, out var hangfire)
            && hangfire.Data.TryGetValue(HangfireServersHealthCheck.ServersKey, out var count) && count is int n ? n : 0;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(
            JsonSerializer.Serialize(new Body(report.Status.ToString().ToLowerInvariant(), database, servers), JsonSerializerOptions.Web),
            context.RequestAborted);
    }

    private sealed record Body(string Status, string Database, int HangfireServers);
}
