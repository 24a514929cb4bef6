using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Testing;

namespace Outreach.EndToEnd.Tests.Crashes;

public sealed class WorkerCrashTests : IAsyncLifetime
{
    private const int RosterSize = 50_000;

    private HubWorld _world = null!;

    public async Task InitializeAsync() => _world = await HubWorld.StartAsync("crash", ProcessWorld.Options());

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_worker_killed_during_a_large_roster_sync_leaves_the_job_to_the_restarted_worker_which_applies_every_reader_once()
    {
        var slow = ProcessWorld.SlowLargeRoster(_world, RosterSize, slowPages: 6, TimeSpan.FromSeconds(3));
        await using var first = WorkerProcess.Start("crash-first", ProcessWorld.WorkerSettings(_world));
        await HangfireServers.WaitUntilServingAsync(_world, first);
        var jobId = _world.Enqueue("sync", ("community", "GL01"));
        await ProcessWorld.WaitUntilReadingAsync(_world, slow, pages: 2);

        await first.KillAsync();
        _world.Sandbox.Faults.Clear();
        Assert.Equal("Processing", _world.StateOf(jobId));
        Assert.Equal(0, await _world.CountAsync("SELECT count(*) FROM outreach.readers"));
        await using var restarted = WorkerProcess.Start("crash-restarted", ProcessWorld.WorkerSettings(_world));
        await _world.WaitForStateWhileWorkingAsync(jobId, "Succeeded", stall: TimeSpan.FromMinutes(3));

        Assert.Equal([first.Id, restarted.Id], await HangfireServers.ProcessesThatRanAsync(_world, jobId));
        await ProcessWorld.AssertAppliedOnceAsync(_world, RosterSize);
        // The card statuses owed back to the community: one per card, each sent once.
        await Eventually.HoldsAsync(() => _world.CountAsync("SELECT count(*) FROM outreach.card_status_outbox WHERE community = 'GL01' AND sent_at IS NULL"),
            pending => pending == 0, TimeSpan.FromSeconds(90), "every card status was pushed back to GL01");
        var received = _world.Sandbox.Communities.CardUpdates("GL01");
        Assert.Equal(ProcessWorld.CardsWanted(RosterSize), received.Latest.Count);
        Assert.All(received.RequestsPerResident.Values, requests => Assert.Equal(1, requests));
    }
}
