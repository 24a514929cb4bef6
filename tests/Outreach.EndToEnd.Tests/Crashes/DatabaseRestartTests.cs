using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.LocalPostgres;
using Outreach.Testing;
using Outreach.Worker.Storage;

namespace Outreach.EndToEnd.Tests.Crashes;

/// <summary>A hub on a PostgreSQL cluster of its own, which the test kills and restarts while a roster sync runs.</summary>
public sealed class DatabaseRestartTests : IAsyncLifetime
{
    private const int RosterSize = 20_000;

    private PostgresCluster _cluster = null!;
    private HubWorld _world = null!;

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync(new ClusterOptions
        {
            DataDirectory = Path.Combine(RepositoryRoot.Find(), ".local", "test-postgres", $"restart-{Guid.NewGuid():N}"[..20]),
        });
        await PinStartOptionsAsync();
        await _cluster.CreateDatabaseAsync("outreach");
        var connectionString = _cluster.ConnectionStringFor("outreach");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        _world = await HubWorld.StartAsync("restart", ProcessWorld.Options() with { ConnectionString = connectionString, InProcessWorker = true });
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_roster_sync_cut_off_by_a_database_restart_fails_then_completes_on_retry_with_nothing_lost()
    {
        var slow = ProcessWorld.SlowLargeRoster(_world, RosterSize, slowPages: 6, TimeSpan.FromSeconds(2));
        var jobId = _world.Enqueue("sync", ("community", "GL01"));
        await ProcessWorld.WaitUntilReadingAsync(_world, slow, pages: 2);

        await _cluster.KillAsync();
        await _cluster.RestartAsync();
        _world.Sandbox.Faults.Clear();
        _world.Db.Clear();

        // The sync loses its connection and fails; should Hangfire itself not reach the database to say so, the job
        // is fetched again once the invisibility timeout passes. Either way it must not stay stuck or succeed half-done.
        var afterOutage = await Eventually.HoldsAsync(() => Task.FromResult(StateOrNull(jobId)), state => state is "Failed" or "Succeeded",
            TimeSpan.FromMinutes(2), "the cut-off sync failed or was picked up again");
        if (afterOutage == "Failed")
        {
            // What staff do from the dashboard: requeue the failed job.
            Assert.True(_world.Dashboard.Services.GetRequiredService<IBackgroundJobClient>().Requeue(jobId));
        }

        await _world.WaitForStateAsync(jobId, "Succeeded", TimeSpan.FromMinutes(2));
        await ProcessWorld.AssertAppliedOnceAsync(_world, RosterSize);
        Assert.True(await _world.CountAsync("SELECT count(*) FROM outreach.job_runs WHERE job = 'sync' AND scope = 'GL01' AND status <> 'succeeded'") >= 1,
            "the cut-off run left no run row");
        Assert.True((await HangfireServers.ProcessesThatRanAsync(_world, jobId)).Count >= 2, "the job ran only once");
    }

    // PostgresCluster.RestartAsync runs pg_ctl start without the options of the first start, so the server would come
    // back on the default port (5432) and socket directory. The same settings written to postgresql.auto.conf bring it
    // back where the hub expects it (the socket in the cluster's own folder: an empty list does not survive ALTER SYSTEM).
    private async Task PinStartOptionsAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_cluster.ConnectionStringFor("postgres")) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        foreach (var setting in new[] { $"port = {_cluster.Port}", "listen_addresses = '127.0.0.1'", $"unix_socket_directories = '{_cluster.DataDirectory}'" })
        {
            await using var command = new NpgsqlCommand($"ALTER SYSTEM SET {setting}", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private string? StateOrNull(string jobId)
    {
        try
        {
            return _world.StateOf(jobId);
        }
        catch (Exception failure) when (failure is NpgsqlException or InvalidOperationException)
        {
            // The first command on a connection broken by the restart fails; the pool then opens a new one.
            return null;
        }
    }
}
