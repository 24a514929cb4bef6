using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Outreach.LocalPostgres;
using Outreach.Worker.Storage;

namespace Outreach.Testing;

/// <summary>
/// One private PostgreSQL cluster per test process, with a migrated template database; each test class gets its
/// own database copied from the template (CREATE DATABASE ... TEMPLATE), which is far faster than migrating again.
/// Set OUTREACH_TEST_PG (a superuser connection string) to use an existing server instead.
/// </summary>
public static class TestPostgres
{
    private const string TemplateName = "outreach_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Server? _server;
    private static int _counter;

    /// <summary>A fresh, migrated database; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose, bool migrated = true)
    {
        var server = await ServerAsync();
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}_{Sanitize(purpose)}";
        await using var admin = new NpgsqlConnection(server.ConnectionStringFor("postgres"));
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand(migrated ? $"CREATE DATABASE \"{name}\" TEMPLATE {TemplateName}" : $"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
        return server.ConnectionStringFor(name);
    }

    /// <summary>The running cluster, when the tests started one (for restart and crash tests).</summary>
    public static async Task<PostgresCluster?> ClusterAsync() => (await ServerAsync()).Cluster;

    private static async Task<Server> ServerAsync()
    {
        if (_server is not null)
        {
            return _server;
        }

        await Gate.WaitAsync();
        try
        {
            return _server ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Server> StartAsync()
    {
        Server server;
        if (Environment.GetEnvironmentVariable("OUTREACH_TEST_PG") is { Length: > 0 } external)
        {
            server = new Server(null, external);
        }
        else
        {
            var root = RepositoryRoot.Find();
            var cluster = await PostgresCluster.StartAsync(new ClusterOptions
            {
                DataDirectory = Path.Combine(root, ".local", "test-postgres", $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]),
            });
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopAsync().GetAwaiter().GetResult();
            server = new Server(cluster, cluster.ConnectionStringFor("postgres"));
        }

        await PrepareTemplateAsync(server);
        return server;
    }

    private static async Task PrepareTemplateAsync(Server server)
    {
        await using (var admin = new NpgsqlConnection(server.ConnectionStringFor("postgres")))
        {
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{TemplateName}'", admin);
            if (await exists.ExecuteScalarAsync() is not null)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE {TemplateName} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }

            await using var create = new NpgsqlCommand($"CREATE DATABASE {TemplateName}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var templateConnection = new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(TemplateName)) { Pooling = false }.ConnectionString;
        await using (var dataSource = NpgsqlDataSource.Create(templateConnection))
        {
            await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        NpgsqlConnection.ClearAllPools();
    }

    private static string Sanitize(string purpose) =>
        new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray());

    private sealed class Server(PostgresCluster? cluster, string adminConnectionString)
    {
        public PostgresCluster? Cluster { get; } = cluster;

        public string ConnectionStringFor(string database) =>
            new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
    }
}
