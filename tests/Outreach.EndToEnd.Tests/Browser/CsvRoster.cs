using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Sandbox.Communities;

namespace Outreach.EndToEnd.Tests.Browser;

/// <summary>
/// Brings a csv community's residents into the registry the way production does: the sandbox writes the community's
/// snapshot into its drop folder and the roster sync job takes it in (readers, their mail opt-in, their cards). The same
/// residents synced again change nothing, so tests sharing a world may each call it.
/// </summary>
public static class CsvRoster
{
    public static async Task SyncAsync(HubWorld world, string community, IReadOnlyList<SimResident> residents)
    {
        Assert.Contains(community, HubSettings.CsvCommunities);
        world.Sandbox.Communities.SeedCsv(community, residents);
        world.Sandbox.Communities.WriteCsvDrop(community, Path.Combine(world.DropRoot, community), new DateOnly(2026, 11, 20));
        var jobId = world.Enqueue("sync", ("community", community));
        await world.WaitForStateAsync(jobId, "Succeeded", TimeSpan.FromSeconds(60));
    }

    /// <summary>The registry's id of a resident, as the sync stored them.</summary>
    public static async Task<long> ReaderIdAsync(HubWorld world, SimResident resident) => long.Parse(
        Assert.Single(await world.ListAsync("SELECT id FROM outreach.readers WHERE resident_id = $1", resident.ResidentId)),
        System.Globalization.CultureInfo.InvariantCulture);
}
