using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Worker.Cli;
using Outreach.Worker.Hosting;
using Outreach.Worker.Readers.Cards;

namespace Outreach.Bench.Cards;

/// <summary>
/// Issue 11: the card push-back at 10,000 to 1,000,000 statuses owed to one csv community (a first load owes one per card),
/// next to a bare export of the same rows (one COPY out, written as one csv file, one UPDATE marking them sent).
/// </summary>
public sealed class CardPushBenchmark : IBenchmark
{
    private const string Community = "BENCH";
    private const string Push = "push";
    private const string Bare = "bare export";

    public string Name => "cards";

    public string Description => "Card status push-back to a csv community vs a bare export of the same rows (--sweep: 10k to 1M statuses)";

    public Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken) =>
        SizeSweep.RunPairAsync(options, report, "card push", "statuses", Push, Bare, size => MeasureAsync(size, cancellationToken));

    private static async Task<(double Push, double Bare)> MeasureAsync(int statuses, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "outreach-bench-cards-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        await using var db = await BenchDatabase.CreateAsync("bench_cards");
        try
        {
            await db.ExecuteAsync("""
                INSERT INTO outreach.card_status_outbox (community, resident_id, card_number, status, issued_on, created_at)
                SELECT $1, $1 || '-' || lpad(i::text, 7, '0'), outreach.card_number_of(100000 + i), 'active', date '2026-11-20', now()
                FROM generate_series(1, $2) AS i
                """, Community, statuses);
            await db.ExecuteAsync("VACUUM ANALYZE outreach.card_status_outbox");
            await db.ExecuteAsync("CREATE TABLE bench_outbox AS SELECT * FROM outreach.card_status_outbox");
            var bare = await BareExportAsync(db, folder, cancellationToken);

            using var hub = HubHost.Build(HostRole.Client, new Dictionary<string, string?>
            {
                ["ConnectionStrings:Outreach"] = db.ConnectionString,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Outreach:PersonalData:HashKey"] = "benchmark-hash-key-that-is-long-enough-0123456789",
                ["Outreach:FileDrops:Root"] = folder,
                [$"Outreach:Communities:{Community}:Name"] = "Benchmark community",
                [$"Outreach:Communities:{Community}:PopulationServed"] = "1000000",
                [$"Outreach:Communities:{Community}:Kind"] = "Csv",
                [$"Outreach:Communities:{Community}:DropFolder"] = folder,
            });
            await hub.StartAsync(cancellationToken);
            var timer = Stopwatch.StartNew();
            await hub.Services.GetRequiredService<CardStatusPush>().RunAsync(Community, cancellationToken);
            var push = timer.Elapsed.TotalSeconds;
            await hub.StopAsync(CancellationToken.None);
            return (push, bare);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The same rows read with one COPY, written as one csv file, and marked sent with one UPDATE.</summary>
    private static async Task<double> BareExportAsync(BenchDatabase db, string folder, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        await using (var connection = await db.DataSource.OpenConnectionAsync(cancellationToken))
        await using (var file = new StreamWriter(Path.Combine(folder, "bare.csv")))
        {
            using var reader = await connection.BeginTextExportAsync(
                "COPY (SELECT resident_id, card_number, status, issued_on FROM bench_outbox WHERE community = 'BENCH' AND sent_at IS NULL) TO STDOUT (FORMAT CSV)",
                cancellationToken);
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        await db.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"UPDATE bench_outbox SET sent_at = now(), attempts = attempts + 1 WHERE sent_at IS NULL"));
        return timer.Elapsed.TotalSeconds;
    }
}
