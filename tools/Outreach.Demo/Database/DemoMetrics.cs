using System.Diagnostics;
using Npgsql;
using Outreach.Integrations.Time;

namespace Outreach.Demo.Database;

/// <summary>
/// On a first start, once every community's first roster sync has ended, seeds a year of plausible activity, events and
/// orders with the hub's own routine, so the metrics page's charts mean something for every community (seeded after the
/// first sync alone, the communities synced later had no card holders in the year).
/// </summary>
internal sealed class DemoMetrics(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // The demo runs the hub with its default time zone.
    public static readonly TimeZoneInfo LibraryTime = new LibraryTimeOptions().Zone();

    /// <returns>The worker command that computes the seeded months, or null when the cards never appeared.</returns>
    public async Task<string?> SeedAsync(IReadOnlyList<string> communities, TimeSpan waitForSyncs, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!await FirstSyncsEndedAsync(communities, cancellationToken) && waited.Elapsed < waitForSyncs)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        if (await CardsAsync(cancellationToken) == 0)
        {
            return null;
        }

        var summary = await MetricsDemoData.SeedYearAsync(dataSource, LibraryTime, clock.GetUtcNow(), cancellationToken: cancellationToken);
        Console.Out.WriteLine($"Seeded a year of metrics history ({summary.From} to {summary.To}: {summary.Activities:N0} activities, " +
            $"{summary.Events:N0} events, {summary.Orders:N0} book orders).");
        return summary.ComputeCommand;
    }

    /// <summary>Whether every one of <paramref name="communities"/> has a roster sync that ended, other than the demo's history.</summary>
    public async Task<bool> FirstSyncsEndedAsync(IReadOnlyList<string> communities, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(DISTINCT scope) FROM outreach.job_runs
            WHERE job = $1 AND status <> 'running' AND scope = ANY ($2) AND coalesce(message, '') NOT LIKE $3
            """);
        command.Parameters.AddWithValue(DemoHistory.RosterSyncJob);
        command.Parameters.AddWithValue(communities.ToArray());
        command.Parameters.AddWithValue(DemoHistory.Marker + "%");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == communities.Count;
    }

    private async Task<long> CardsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outreach.cards");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
