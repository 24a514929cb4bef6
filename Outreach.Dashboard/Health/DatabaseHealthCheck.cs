using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Outreach.Integrations.Logging;

namespace Outreach.Dashboard.Health;

/// <summary>Healthy when the hub's PostgreSQL answers a query within a few seconds.</summary>
internal sealed partial class DatabaseHealthCheck(NpgsqlDataSource dataSource, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public const string Name = "database";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
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
