using Npgsql;

namespace Outreach.Worker.Storage;

/// <summary>Asks the hub's PostgreSQL for an answer, for health checks; throws (a DbException) when it does not answer.</summary>
public sealed class DatabaseProbe(NpgsqlDataSource dataSource)
{
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
