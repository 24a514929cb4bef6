using Npgsql;
using Outreach.Testing;
using Outreach.Worker.Hosting;
using Outreach.Worker.Scheduling;
using Outreach.Worker.Tests.Jobs;

namespace Outreach.Worker.Tests.Scheduling;

public sealed class ScheduleSlotTests
{
    [Fact]
    public async Task A_double_fire_of_the_same_slot_enqueues_once()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("slot_double");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var ledger = new ScheduleSlotLedger(dataSource, TimeProvider.System);
        var slot = new DateTimeOffset(2026, 11, 24, 17, 30, 0, TimeSpan.Zero);
        var enqueued = 0;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            ledger.EnqueueOnceAsync("sync-GL01", slot, "sync", $"node{i}", () => $"job-{Interlocked.Increment(ref enqueued)}", CancellationToken.None))));

        Assert.Equal(1, enqueued);
        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task Two_scheduler_nodes_in_the_cluster_enqueue_each_fire_slot_exactly_once()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("slot_cluster");
        var settings = HubHosts.BaseSettings(connectionString);
        settings["Outreach:Hangfire:RunServer"] = "false";
        settings["Outreach:Schedules:every-second:Job"] = "probe";
        settings["Outreach:Schedules:every-second:Cron"] = "* * * * * ?";
        settings["Outreach:Schedules:every-second:Arguments:key"] = "cluster";
        await using var hosts = new HubHosts();
        await hosts.StartAsync(HostRole.Worker, settings, ProbeJob.Register);
        await hosts.StartAsync(HostRole.Worker, settings, ProbeJob.Register);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        await Eventually.HoldsAsync(() => CountAsync(dataSource, "SELECT count(*) FROM outreach.schedule_slots"),
            n => n >= 6, TimeSpan.FromSeconds(40), "too few slots fired");
        await hosts.DisposeAsync();

        var slots = await CountAsync(dataSource, "SELECT count(*) FROM outreach.schedule_slots");
        var jobs = await CountAsync(dataSource, "SELECT count(*) FROM hangfire.job");
        var nodes = await CountAsync(dataSource, "SELECT count(DISTINCT instance_name) FROM quartz.qrtz_scheduler_state");
        Assert.Equal(slots, jobs);
        Assert.Equal(2, nodes);
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
