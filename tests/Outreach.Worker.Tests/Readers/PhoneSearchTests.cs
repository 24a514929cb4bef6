using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.PersonalData;
using Outreach.Worker.Readers.Board;
using Outreach.Worker.Readers.HashKeys;

namespace Outreach.Worker.Tests.Readers;

public sealed class PhoneSearchTests
{
    private const string NextKey = "the-desk-phone-test-key-long-enough-to-be-valid-24680";

    [Fact]
    public async Task A_synced_resident_is_found_by_the_phone_a_caller_gives_in_any_spelling_and_by_the_new_phone_once_it_changes()
    {
        await using var world = await SyncWorld.StartAsync("phone_search");
        var caller = SimResidents.Make("GL01", 7);
        world.SeedRest("GL01", [caller, .. SimResidents.Range("GL01", 100, 20)]);
        await world.SyncAsync("GL01");
        var readerId = await ReaderIdAsync(world, caller.ResidentId!);
        var phone = caller.Phone!;

        foreach (var spoken in new[] { phone, $"+86 {phone[..3]} {phone[3..7]} {phone[7..]}", $"{phone[..3]}-{phone[3..7]}-{phone[7..]}", "0086" + phone, "86" + phone })
        {
            Assert.Equal(readerId, Assert.Single(await SearchAsync(world, spoken)).Id);
        }

        Assert.Empty(await SearchAsync(world, "13900000999"));
        Assert.Equal(21, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE phone_hash IS NOT NULL AND phone_hash_key = 1"));
        // The hash is keyed: it is no plain digest of the number, and it is no ID number's hash either.
        Assert.Equal(0, await world.CountAsync(
            "SELECT count(*) FROM outreach.readers WHERE phone_hash IN (sha256(convert_to(phone, 'UTF8')), id_hash) OR position(convert_to(phone, 'UTF8') IN phone_hash) > 0"));

        world.Sandbox.Communities.Upsert("GL01", caller with { Phone = "138 0000 7777", UpdatedAt = "" });
        await world.SyncAsync("GL01");

        Assert.Empty(await SearchAsync(world, phone));
        Assert.Equal(readerId, Assert.Single(await SearchAsync(world, "+86 138-0000-7777")).Id);
    }

    [Fact]
    public async Task The_phone_hashes_job_fills_the_hashes_once_and_after_a_key_rotation_rewrites_them_under_the_new_key()
    {
        await using var world = await SyncWorld.StartAsync("phone_backfill");
        var caller = SimResidents.Make("GL01", 8);
        world.SeedRest("GL01", [caller, .. SimResidents.Range("GL01", 200, 30)]);
        await world.SyncAsync("GL01");
        var readerId = await ReaderIdAsync(world, caller.ResidentId!);
        // As before migration 0014: phones on record, no hashes, and one phone that is no mobile number at all.
        await world.ExecuteAsync("UPDATE outreach.readers SET phone_hash = NULL, phone_hash_key = NULL");
        await world.ExecuteAsync("UPDATE outreach.readers SET phone = '0574-8765432' WHERE resident_id = 'GL01-0000200'");
        Assert.Empty(await SearchAsync(world, caller.Phone!));

        Assert.Equal(30, await RunBackfillAsync(world));
        Assert.Equal(0, await RunBackfillAsync(world));
        Assert.Equal(readerId, Assert.Single(await SearchAsync(world, caller.Phone!)).Id);
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE phone_hash IS NULL AND phone_hash_key = 1"));

        // A new key, the old one still configured as previous: the old hashes are matched meanwhile, and the job rewrites them.
        await world.RestartHubAsync(settings =>
        {
            settings[PersonalDataOptions.HashKeyPath] = NextKey;
            settings[PersonalDataOptions.PreviousHashKeyPath] = "test-hash-key-that-is-long-enough-to-be-valid-0123456789";
        });
        Assert.Equal(readerId, Assert.Single(await SearchAsync(world, caller.Phone!)).Id);
        Assert.Equal(30, await RunBackfillAsync(world));
        Assert.Equal(31, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE phone_hash_key = 2"));

        // Without the previous key, the phones are found under the new one alone.
        await world.RestartHubAsync(settings => settings[PersonalDataOptions.HashKeyPath] = NextKey);
        Assert.Equal(readerId, Assert.Single(await SearchAsync(world, "+86 " + caller.Phone)).Id);
    }

    private static Task<long> ReaderIdAsync(SyncWorld world, string residentId) =>
        world.CountAsync("SELECT id FROM outreach.readers WHERE community = 'GL01' AND resident_id = $1", residentId);

    private static Task<IReadOnlyList<ReaderView>> SearchAsync(SyncWorld world, string term) =>
        world.Hub.Services.GetRequiredService<ReaderBoard>().SearchAsync(term, CancellationToken.None);

    private static async Task<long> RunBackfillAsync(SyncWorld world)
    {
        await world.Hub.Services.GetRequiredService<PhoneHashJob>().RunAsync(CancellationToken.None);
        return await world.CountAsync(
            "SELECT (counts->>'phones_hashed')::bigint FROM outreach.job_runs WHERE job = $1 AND status = 'succeeded' ORDER BY id DESC LIMIT 1",
            PhoneHashJob.Name);
    }
}
