using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Outreach.LocalPostgres;

/// <summary>
/// A private PostgreSQL cluster started from the installed server binaries (initdb/pg_ctl), listening on a
/// free loopback port, for local runs and tests. No Docker: this is how the hub gets a real database anywhere.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>The superuser of every private cluster; authentication is trust on loopback only.</summary>
    public const string SuperUser = "outreach";

    private readonly PostgresBinaries _binaries;
    private readonly ClusterOptions _options;
    private readonly string _serverSettings;
    private Process? _watchdog;
    private bool _stopped;

    private PostgresCluster(PostgresBinaries binaries, ClusterOptions options, string dataDirectory, int port, string serverSettings)
    {
        _binaries = binaries;
        _options = options;
        DataDirectory = dataDirectory;
        Port = port;
        _serverSettings = serverSettings;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>Connection string to the given database as the cluster's superuser.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Pooling = true,
        MaxPoolSize = _options.MaxPoolSize,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>
    /// Initialises the cluster in <paramref name="options"/>.DataDirectory when it does not exist yet, then starts it.
    /// </summary>
    public static async Task<PostgresCluster> StartAsync(ClusterOptions options, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate();
        var runner = new OsUserRunner();
        var dataDirectory = runner.PrepareDirectory(Path.GetFullPath(options.DataDirectory));

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await runner.RunAsync(binaries.Path("initdb"),
                ["-D", dataDirectory, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-instructions"],
                cancellationToken).ConfigureAwait(false);
        }

        var port = FreeLoopbackPort();
        var settings = new List<string>
        {
            $"-p {port}",
            "-c listen_addresses=127.0.0.1",
            "-c unix_socket_directories=''",
            $"-c max_connections={options.MaxConnections}",
        };
        if (!options.Durable)
        {
            // A throw-away cluster: durability costs time and buys nothing.
            settings.Add("-c fsync=off");
            settings.Add("-c synchronous_commit=off");
            settings.Add("-c full_page_writes=off");
        }

        settings.AddRange(options.ExtraSettings.Select(s => $"-c {s}"));

        var serverSettings = string.Join(' ', settings);
        await StartServerAsync(runner, binaries, dataDirectory, serverSettings, cancellationToken).ConfigureAwait(false);

        var cluster = new PostgresCluster(binaries, options, dataDirectory, port, serverSettings);
        if (options.StopWithProcess)
        {
            cluster._watchdog = runner.StartWatchdog(binaries.Path("pg_ctl"), dataDirectory, Environment.ProcessId,
                deleteFiles: !options.Durable && options.DeleteOnStop);
        }

        await cluster.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        return cluster;
    }

    /// <summary>Creates a database, optionally as a copy of a template (much faster than migrating again).</summary>
    public async Task CreateDatabaseAsync(string name, string? template = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = template is null
            ? $"CREATE DATABASE {Quote(name)}"
            : $"CREATE DATABASE {Quote(name)} TEMPLATE {Quote(template)}";
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the database exists.</summary>
    public async Task<bool> DatabaseExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        command.Parameters.AddWithValue(name);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Stops the server (fast shutdown); a throw-away cluster also deletes its files.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        var runner = new OsUserRunner();
        await runner.RunAsync(_binaries.Path("pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None)
            .ConfigureAwait(false);
        if (_watchdog is { HasExited: false })
        {
            _watchdog.Kill();
        }

        _watchdog?.Dispose();
        if (!_options.Durable && _options.DeleteOnStop)
        {
            TryDelete(DataDirectory);
        }
    }

    /// <summary>Stops the server abruptly, as a power cut would; used to prove jobs survive a database restart.</summary>
    public async Task KillAsync()
    {
        var runner = new OsUserRunner();
        await runner.RunAsync(_binaries.Path("pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None)
            .ConfigureAwait(false);

        // This process's own pooled connections died with the server; the hosts under test find theirs broken, as in production.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionStringFor("postgres")));
    }

    /// <summary>Starts a stopped server again, on the same port with the same settings.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StartServerAsync(new OsUserRunner(), _binaries, DataDirectory, _serverSettings, cancellationToken).ConfigureAwait(false);
        await WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task StartServerAsync(OsUserRunner runner, PostgresBinaries binaries, string dataDirectory, string serverSettings,
        CancellationToken cancellationToken) =>
        runner.RunAsync(binaries.Path("pg_ctl"),
            ["-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "60", "-o", serverSettings, "start"],
            cancellationToken);

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next run's clean-up; a leftover folder in a git-ignored place harms nothing.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
