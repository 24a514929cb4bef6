using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.Testing;
using Outreach.Worker.Hosting;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Tests.Jobs;

public sealed class AbandonedRunsTests
{
    private const string StoppedMessage = "abandoned: the worker running it stopped (no heartbeat)";

    [Fact]
    public async Task A_run_whose_worker_stopped_heartbeating_or_vanished_is_marked_failed()
    {
        await using var world = await World.StartAsync(HostRole.Client);
        await world.AnnounceServerAsync("stale-worker:1", heartbeatAgo: AbandonedRuns.ServerTimeout + TimeSpan.FromMinutes(1));
        var onStaleServer = await world.RunRowAsync(world.ProcessingJob("stale-worker:1", world.Now), world.Now);
        var onVanishedServer = await world.RunRowAsync(world.ProcessingJob("vanished-worker:1", world.Now), world.Now);

        await world.HousekeepingAsync();

        Assert.Equal(("failed", StoppedMessage), await world.RunAsync(onStaleServer));
        Assert.Equal(("failed", StoppedMessage), await world.RunAsync(onVanishedServer));
        Assert.Equal(1, await world.DataSource.ScalarAsync(
            "SELECT count(*) FROM outreach.job_runs WHERE id = $1 AND finished_at IS NOT NULL", onStaleServer));
    }

    [Fact]
    public async Task A_run_whose_hangfire_job_was_deleted_or_has_expired_is_marked_failed()
    {
        await using var world = await World.StartAsync(HostRole.Client);
        var deletedJob = world.ProcessingJob("stale-worker:1", world.Now);
        world.Client.Delete(deletedJob);
        var deleted = await world.RunRowAsync(deletedJob, world.Now);
        var expired = await world.RunRowAsync("987654", world.Now);

        await world.HousekeepingAsync();

        var (status, message) = await world.RunAsync(deleted);
        Assert.Equal("failed", status);
        Assert.Contains("is Deleted", message, StringComparison.Ordinal);
        Assert.Equal(("failed", "abandoned: Hangfire job 987654 no longer exists and the run never finished"), await world.RunAsync(expired));
    }

    [Fact]
    public async Task A_run_of_an_earlier_execution_of_a_job_now_processing_again_elsewhere_is_marked_failed()
    {
        await using var world = await World.StartAsync(HostRole.Client);
        await world.AnnounceServerAsync("live-worker:1", heartbeatAgo: TimeSpan.Zero);
        // The first execution died; after the invisibility timeout a live worker fetched the job again and wrote a new row.
        var job = world.ProcessingJob("live-worker:1", world.Now);
        var earlier = await world.RunRowAsync(job, world.Now - TimeSpan.FromMinutes(7));
        var current = await world.RunRowAsync(job, world.Now + TimeSpan.FromMilliseconds(20));

        await world.HousekeepingAsync();

        var (status, message) = await world.RunAsync(earlier);
        Assert.Equal("failed", status);
        Assert.StartsWith(StoppedMessage, message, StringComparison.Ordinal);
        Assert.Equal(("running", ""), await world.RunAsync(current));
    }

    [Fact]
    public async Task A_long_run_on_a_live_worker_and_runs_outside_hangfire_are_left_running()
    {
        await using var world = await World.StartAsync(HostRole.Worker);
        var key = Guid.NewGuid().ToString("N");
        world.Enqueue(LongRunJob.Name, key);
        var live = await Eventually.HoldsAsync(
            () => world.DataSource.ScalarAsync("SELECT coalesce(max(id), 0) FROM outreach.job_runs WHERE job = $1 AND scope = $2", LongRunJob.Name, key),
            id => id > 0, TimeSpan.FromSeconds(20), "the long run never started");
        var fromTheCli = await world.RunRowAsync(null, world.Now - TimeSpan.FromDays(3));

        // Housekeeping as the schedule runs it: through Hangfire, on the same live worker.
        var housekeeping = world.Enqueue(HousekeepingJob.Name);
        await Eventually.HoldsAsync(() => Task.FromResult(world.StateOf(housekeeping)), state => state == SucceededState.StateName,
            TimeSpan.FromSeconds(20), "housekeeping never succeeded");

        Assert.Equal(("running", ""), await world.RunAsync(live));
        Assert.Equal(("running", ""), await world.RunAsync(fromTheCli));
        Assert.Equal(0, await world.DataSource.ScalarAsync(
            "SELECT (counts->>'abandoned_runs_failed')::bigint FROM outreach.job_runs WHERE job = $1", HousekeepingJob.Name));
        LongRunJob.Release(key);
        await Eventually.HoldsAsync(() => world.RunAsync(live), run => run.Status == "succeeded", TimeSpan.FromSeconds(20), "the long run never finished");
    }

    /// <summary>A hub host on a fresh database, with Hangfire's storage at hand to stage servers and job states.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly HubHosts _hosts;
        private readonly IHost _host;

        private World(HubHosts hosts, IHost host)
        {
            _hosts = hosts;
            _host = host;
        }

        public NpgsqlDataSource DataSource => _host.Services.GetRequiredService<NpgsqlDataSource>();

        public IBackgroundJobClient Client => _host.Services.GetRequiredService<IBackgroundJobClient>();

        public DateTime Now => DateTime.SpecifyKind(_host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, DateTimeKind.Utc);

        private JobStorage Storage => _host.Services.GetRequiredService<JobStorage>();

        public static async Task<World> StartAsync(HostRole role)
        {
            var hosts = new HubHosts();
            try
            {
                var host = await hosts.StartAsync(role, HubHosts.BaseSettings(await TestPostgres.CreateDatabaseAsync("abandoned")), LongRunJob.Register);
                return new World(hosts, host);
            }
            catch
            {
                await hosts.DisposeAsync();
                throw;
            }
        }

        /// <summary>A Hangfire server record, as a worker writes it at start and refreshes with each heartbeat.</summary>
        public async Task AnnounceServerAsync(string serverId, TimeSpan heartbeatAgo)
        {
            using (var connection = Storage.GetConnection())
            {
                connection.AnnounceServer(serverId, new ServerContext { Queues = [HubQueues.Default], WorkerCount = 1 });
            }

            await DataSource.ExecuteAsync("UPDATE hangfire.server SET lastheartbeat = now() - $2 WHERE id = $1", serverId, heartbeatAgo);
        }

        /// <summary>A job Hangfire shows as Processing on <paramref name="serverId"/> since <paramref name="startedAt"/>.</summary>
        public string ProcessingJob(string serverId, DateTime startedAt) =>
            Client.Create(Job.FromExpression<ProbeJob>(job => job.RunAsync("abandoned", CancellationToken.None), HubQueues.Default),
                new ProcessingOn(serverId, startedAt));

        public async Task<long> RunRowAsync(string? hangfireJobId, DateTime startedAt)
        {
            await using var command = DataSource.CreateCommand("""
                INSERT INTO outreach.job_runs (job, scope, hangfire_job_id, started_at, status) VALUES ('sync', 'GL01', $1, $2, 'running') RETURNING id
                """);
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)hangfireJobId ?? DBNull.Value);
            command.Parameters.AddWithValue(new DateTimeOffset(startedAt));
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public async Task<(string Status, string Message)> RunAsync(long runId)
        {
            var row = await DataSource.ListAsync("SELECT status || '|' || coalesce(message, '') FROM outreach.job_runs WHERE id = $1", runId);
            var parts = row.Single().Split('|', 2);
            return (parts[0], parts[1]);
        }

        public Task HousekeepingAsync() => _host.Services.GetRequiredService<HousekeepingJob>().RunAsync(CancellationToken.None);

        public string Enqueue(string job, string? key = null) =>
            _host.Services.GetRequiredService<JobCatalog>().Get(job).Enqueue(Client,
                new JobArguments(key is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["key"] = key }));

        public string? StateOf(string jobId)
        {
            using var connection = Storage.GetConnection();
            return connection.GetStateData(jobId)?.Name;
        }

        public ValueTask DisposeAsync() => _hosts.DisposeAsync();
    }

    /// <summary>The Processing state as a worker records it (its constructor is Hangfire's own), for a server of the test's choosing.</summary>
    private sealed class ProcessingOn(string serverId, DateTime startedAt) : IState
    {
        public string Name => ProcessingState.StateName;

        public string? Reason => "Staged by the test";

        public bool IsFinal => false;

        public bool IgnoreJobLoadException => false;

        public Dictionary<string, string> SerializeData() => new()
        {
            ["StartedAt"] = JobHelper.SerializeDateTime(startedAt),
            ["ServerId"] = serverId,
            ["WorkerId"] = Guid.NewGuid().ToString(),
        };
    }
}
