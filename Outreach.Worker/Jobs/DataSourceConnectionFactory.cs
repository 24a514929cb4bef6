using Hangfire.PostgreSql;
using Npgsql;

namespace Outreach.Worker.Jobs;

/// <summary>Hangfire's storage takes its connections from the process's one NpgsqlDataSource.</summary>
internal sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}
