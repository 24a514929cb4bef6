using System.Diagnostics;
using Npgsql;
using Outreach.Integrations.Time;

namespace Outreach.Demo.Database;

/// <summary>
/// On a first start, once the first roster syncs have issued cards, seeds a year of plausible activity, events and
/// orders with the hub's own routine, so the metrics page's charts mean something.
/// </summary>
internal sealed class DemoMetrics(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // The demo runs the hub with its default time zone.
    private static readonly TimeZoneInfo LibraryTime = new LibraryTimeOptions().Zone();

    /// <returns>The worker command that computes the seeded months, or null when the cards never appeared.</returns>
    public async Task<string?> SeedAsync(TimeSpan waitForCards, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (await CardsAsync(cancellationToken) == 0)
        {
            if (waited.Elapsed > waitForCards)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        var summary = await MetricsDemoData.SeedYearAsync(dataSource, LibraryTime, clock.GetUtcNow(), cancellationToken: cancellationToken);
        Console.Out.WriteLine($"Seeded a year of metrics history ({summary.From} to {summary.To}: {summary.Activities:N0} activities, " +
            $"{summary.Events:N0} events, {summary.Orders:N0} book orders).");
        return summary.ComputeCommand;
    }

    private async Task<long> CardsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outreach.cards");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
