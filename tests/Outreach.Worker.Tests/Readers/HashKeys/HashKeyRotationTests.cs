using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Integrations.PersonalData;
using Outreach.Worker.Jobs;
using Outreach.Worker.Readers.Board;
using Outreach.Worker.Readers.HashKeys;

namespace Outreach.Worker.Tests.Readers.HashKeys;

public sealed class HashKeyRotationTests
{
    private const string KeyA = "test-hash-key-that-is-long-enough-to-be-valid-0123456789";
    private const string KeyB = "the-next-test-hash-key-long-enough-to-be-valid-9876543210";

    [Fact]
    public async Task A_host_started_with_another_hash_key_says_so_at_start_and_refuses_to_sync_with_what_to_do()
    {
        await using var world = await SyncWorld.StartAsync("hash_key_changed");
        world.SeedRest("GL01", SimResidents.Range("GL01", 1, 20));
        await world.SyncAsync("GL01");
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.hash_keys WHERE retired_at IS NULL"));

        var hub = await world.RestartHubAsync(settings => settings[PersonalDataOptions.HashKeyPath] = KeyB,
            services => services.AddLogging(logging => logging.AddFakeLogging()));

        var atStart = hub.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Level == LogLevel.Error).Select(r => r.Message).ToList();
        var logged = Assert.Single(atStart, m => m.StartsWith("Roster syncs will be refused", StringComparison.Ordinal));
        Assert.Contains("were made with another key", logged, StringComparison.Ordinal);
        world.Sandbox.Communities.Upsert("GL01", SimResidents.Make("GL01", 1) with { Address = "古林镇新地址9号", UpdatedAt = "" });
        var refusal = await Assert.ThrowsAsync<PermanentJobFailureException>(() => world.SyncAsync("GL01"));
        Assert.Contains("Outreach:PersonalData:HashKey", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("set Outreach:PersonalData:PreviousHashKey to that old key", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyA, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyB, refusal.Message, StringComparison.Ordinal);
        Assert.Equal([refusal.Message], await world.ListAsync("SELECT message FROM outreach.job_runs WHERE job = 'sync' AND status = 'failed'"));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE address = '古林镇新地址9号'"));
    }

    [Fact]
    public async Task A_rotation_from_one_key_to_the_next_still_matches_a_resident_who_moves_and_finishes_when_every_hash_is_rewritten()
    {
        await using var world = await SyncWorld.StartAsync("hash_key_rotation");
        var mover = SimResidents.Make("GL01", 42);
        world.SeedRest("GL01", [mover, .. SimResidents.Range("GL01", 100, 20)]);
        world.SeedRest("GL02", SimResidents.Range("GL02", 200, 20));
        await world.SyncAsync("GL01");
        await world.SyncAsync("GL02");
        var readerId = await world.CountAsync("SELECT id FROM outreach.readers WHERE community = 'GL01' AND resident_id = 'GL01-0000042'");
        var card = (await world.ListAsync("SELECT card_number FROM outreach.cards WHERE reader_id = $1", readerId)).Single();

        await world.RestartHubAsync(settings =>
        {
            settings[PersonalDataOptions.HashKeyPath] = KeyB;
            settings[PersonalDataOptions.PreviousHashKeyPath] = KeyA;
        });
        // GL02 now lists the same person under its own key, the first roster seen under the new key.
        world.Sandbox.Communities.Upsert("GL02", mover with { ResidentId = "GL02-0000777", UpdatedAt = "" });
        var moved = await world.SyncAsync("GL02");

        Assert.Equal(1, moved["moved"]);
        Assert.Equal(1, moved["rehashed"]);
        Assert.Equal(40, moved["old_key_remaining"]);
        Assert.Equal(readerId, await world.CountAsync("SELECT id FROM outreach.readers WHERE community = 'GL02' AND resident_id = 'GL02-0000777'"));
        Assert.Equal([card], await world.ListAsync("SELECT card_number FROM outreach.cards WHERE reader_id = $1 AND status = 'active'", readerId));
        Assert.Equal(41, await world.CountAsync("SELECT count(*) FROM outreach.readers"));
        var registry = world.Hub.Services.GetRequiredService<ReaderBoard>();
        Assert.Equal(readerId, Assert.Single(await registry.SearchAsync(mover.IdNumber!, CancellationToken.None)).Id);
        Assert.Equal(40, (await registry.HashKeyRotationAsync(CancellationToken.None))!.Remaining);

        // Full snapshots of both communities bring every resident by: the old key made no hash any more, and is retired.
        await world.ExecuteAsync("DELETE FROM outreach.sync_state");
        world.Sandbox.Communities.Upsert("GL01", mover with { Status = "moved_out", UpdatedAt = "" });
        var gl01 = await world.SyncAsync("GL01");
        var gl02 = await world.SyncAsync("GL02");

        Assert.Equal(0, gl01["quarantined"]);
        Assert.Equal(20, gl01["rehashed"]);
        Assert.Equal(20, gl02["rehashed"]);
        Assert.Equal(0, gl02["old_key_remaining"]);
        Assert.Null(await registry.HashKeyRotationAsync(CancellationToken.None));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE id_hash_key <> (SELECT max(id) FROM outreach.hash_keys)"));
        Assert.Equal(41, await world.CountAsync("SELECT count(*) FROM outreach.readers"));
        var after = await world.SyncAsync("GL01");
        Assert.False(after.ContainsKey("rehashed"));
    }

    [Fact]
    public async Task An_operator_finishes_a_rotation_only_by_forgetting_the_hashes_no_roster_brought_by()
    {
        await using var world = await SyncWorld.StartAsync("hash_key_finish");
        world.SeedRest("GL01", SimResidents.Range("GL01", 1, 10));
        world.SeedRest("GL02", SimResidents.Range("GL02", 100, 5));
        await world.SyncAsync("GL01");
        await world.SyncAsync("GL02");
        await world.RestartHubAsync(settings =>
        {
            settings[PersonalDataOptions.HashKeyPath] = KeyB;
            settings[PersonalDataOptions.PreviousHashKeyPath] = KeyA;
        });
        await world.ExecuteAsync("DELETE FROM outreach.sync_state");
        await world.SyncAsync("GL01");
        var ledger = world.Hub.Services.GetRequiredService<HashKeyLedger>();

        var refusal = await Assert.ThrowsAsync<HashKeyRefusedException>(() => ledger.FinishRotationAsync(forgetRemaining: false, CancellationToken.None));
        Assert.StartsWith("5 readers still have an ID-number hash made by the previous key", refusal.Message, StringComparison.Ordinal);

        Assert.Equal(5, await ledger.FinishRotationAsync(forgetRemaining: true, CancellationToken.None));
        Assert.Equal(5, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE community = 'GL02' AND id_hash IS NULL AND id_masked IS NOT NULL"));
        Assert.Null(await world.Hub.Services.GetRequiredService<ReaderBoard>().HashKeyRotationAsync(CancellationToken.None));
        Assert.Null(await ledger.FinishRotationAsync(forgetRemaining: false, CancellationToken.None));
    }
}
