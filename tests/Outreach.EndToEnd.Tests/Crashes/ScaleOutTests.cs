using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Testing;

namespace Outreach.EndToEnd.Tests.Crashes;

public sealed class ScaleOutTests : IAsyncLifetime
{
    private const string Tick = "e2e-tick";
    private const int RosterSize = 20_000;
    private const string HousekeepingJobs = "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%HousekeepingJob%'";

    private HubWorld _world = null!;

    public async Task InitializeAsync() => _world = await HubWorld.StartAsync("scaleout", ProcessWorld.Options(settings =>
    {
        settings["Outreach:RunScheduler"] = "true";
        settings[$"Outreach:Schedules:{Tick}:Job"] = "housekeeping";
        settings[$"Outreach:Schedules:{Tick}:Cron"] = "* * * * * ?";
        settings["Outreach:Hangfire:Queues:default"] = "2";
        settings["Outreach:Hangfire:Queues:sync"] = "1";
    }));

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Two_workers_enqueue_each_schedule_slot_once_share_the_jobs_and_the_survivor_finishes_what_a_killed_one_was_doing()
    {
        var slow = ProcessWorld.SlowLargeRoster(_world, RosterSize, slowPages: 6, TimeSpan.FromSeconds(3));
        await using var a = WorkerProcess.Start("scaleout-a", ProcessWorld.WorkerSettings(_world));
        await using var b = WorkerProcess.Start("scaleout-b", ProcessWorld.WorkerSettings(_world));
        await HangfireServers.WaitUntilServingAsync(_world, a);
        await HangfireServers.WaitUntilServingAsync(_world, b);
        await Eventually.HoldsAsync(() => SlotsAsync(), slots => slots >= 10, TimeSpan.FromSeconds(60), "ten schedule slots enqueued");

        // Jobs enqueued from elsewhere (the dashboard's "Run now", another node's scheduler) go to whichever worker polls
        // next: a stream of them over several poll intervals is shared by both processes.
        var burst = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            burst.Add(_world.Enqueue("housekeeping"));
            await Task.Delay(100);
        }

        var burstRanBy = new HashSet<int>();
        foreach (var id in burst)
        {
            await _world.WaitForStateAsync(id, "Succeeded", TimeSpan.FromMinutes(2));
            burstRanBy.UnionWith(await HangfireServers.ProcessesThatRanAsync(_world, id));
        }

        Assert.Contains(a.Id, burstRanBy);
        Assert.Contains(b.Id, burstRanBy);

        var jobId = _world.Enqueue("sync", ("community", "GL01"));
        await ProcessWorld.WaitUntilReadingAsync(_world, slow, pages: 2);
        var runner = (await HangfireServers.ProcessesThatRanAsync(_world, jobId)).Single();
        var (killed, survivor) = runner == a.Id ? (a, b) : (b, a);
        await killed.KillAsync();
        _world.Sandbox.Faults.Clear();
        var slotsAtKill = await SlotsAsync();
        await _world.WaitForStateWhileWorkingAsync(jobId, "Succeeded", stall: TimeSpan.FromMinutes(3));

        Assert.Equal([killed.Id, survivor.Id], await HangfireServers.ProcessesThatRanAsync(_world, jobId));
        await ProcessWorld.AssertAppliedOnceAsync(_world, RosterSize);
        Assert.True(await SlotsAsync() > slotsAtKill + 10, "the surviving scheduler kept enqueuing slots");
        // A housekeeping job the killed worker had fetched is fetched again by the survivor: none stays behind.
        await Eventually.HoldsAsync(() => _world.CountAsync(HousekeepingJobs + " AND statename <> 'Succeeded' AND createdat < (now() AT TIME ZONE 'UTC') - interval '70 seconds'"),
            unfinished => unfinished == 0, TimeSpan.FromSeconds(60), "every housekeeping job enqueued before the kill succeeded");
        var slots = await SlotsAsync();
        Assert.Equal(slots, await _world.CountAsync(
            $"SELECT count(DISTINCT hangfire_job_id) FROM outreach.schedule_slots WHERE schedule = '{Tick}' AND hangfire_job_id IS NOT NULL"));
        var jobs = await _world.CountAsync(HousekeepingJobs);
        Assert.InRange(jobs, slots + burst.Count, slots + burst.Count + 1);
    }

    // One row per (schedule, slot) is the ledger's key; each row names the one Hangfire job enqueued for it.
    private Task<long> SlotsAsync() => _world.CountAsync($"SELECT count(*) FROM outreach.schedule_slots WHERE schedule = '{Tick}'");
}
