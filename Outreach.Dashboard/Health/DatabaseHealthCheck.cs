using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Outreach.Integrations.Logging;
using Outreach.Worker.Storage;

namespace Outreach.Dashboard.Health;

/// <summary>Healthy when the hub's PostgreSQL answers a query within a few seconds.</summary>
internal sealed partial class DatabaseHealthCheck(DatabaseProbe database, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public const string Name = "database";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await database.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is DbException or OperationCanceledException or TimeoutException)
        {
            // The exception stays in the log; the response says only "error" (no host names, no connection details).
            Log.Unreachable(logger, ex);
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Health + 1, Level = LogLevel.Warning, Message = "Health check: the database does not answer")]
        public static partial void Unreachable(ILogger logger, Exception exception);
    }
}
