using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Testing;

namespace Outreach.EndToEnd.Tests.Crashes;

/// <summary>Reads from Hangfire's tables which worker process did what: server ids are "{machine}:{pid}:{queue}:{guid}".</summary>
public static class HangfireServers
{
    public static Task WaitUntilServingAsync(HubWorld world, WorkerProcess worker) =>
        Eventually.HoldsAsync(() => world.CountAsync("SELECT count(*) FROM hangfire.server WHERE id LIKE $1", $"%:{worker.Id}:%"),
            servers => servers > 0, TimeSpan.FromSeconds(60), $"worker process {worker.Id} registered its Hangfire servers (log: {worker.LogPath})");

    /// <summary>The process ids that started <paramref name="jobId"/>, in order (one per time it was fetched).</summary>
    public static async Task<IReadOnlyList<int>> ProcessesThatRanAsync(HubWorld world, string jobId) =>
        (await world.ListAsync("SELECT data::jsonb ->> 'ServerId' FROM hangfire.state WHERE jobid = $1 AND name = 'Processing' ORDER BY id",
            long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture)))
        .Select(ProcessOf)
        .ToList();

    public static int ProcessOf(string serverId) => int.Parse(serverId.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
}
