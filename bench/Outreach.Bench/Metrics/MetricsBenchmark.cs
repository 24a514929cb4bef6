using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Integrations.Time;
using Outreach.Testing;
using Outreach.Worker.Activity;
using Outreach.Worker.Cli;
using Outreach.Worker.Hosting;
using Outreach.Worker.Metrics;

namespace Outreach.Bench.Metrics;

/// <summary>
/// Issue 6's targets: with 1,000,000 readers and 10,000,000 activity records in a month (--size sets the readers; ten
/// records each), the month computed by the metrics job within 3x one sequential scan of that month's activity, both
/// measured here on the same data; and the staff page of that month answering in under 300 ms.
/// </summary>
public sealed class MetricsBenchmark : IBenchmark
{
    private const string Month = "2026-10";
    private const int Repeats = 3;
    private const int PageRequests = 20;

    public string Name => "metrics";

    public string Description => "Monthly figures vs one sequential scan of the month's activity; staff page time (default 1,000,000 readers, 10 records each; --sweep: 10k to 1M)";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        if (options.Sweep)
        {
            await SweepAsync(options, report, cancellationToken);
            return;
        }

        var readers = options.Size ?? 1_000_000;
        var activities = readers * 10L;
        var connectionString = await TestPostgres.CreateDatabaseAsync("bench_metrics");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await MetricsBenchData.LoadAsync(dataSource, readers, activities, cancellationToken);

        // The intake keeps the month's running totals as records arrive; loaded in bulk here, they are built in one go.
        var timer = Stopwatch.StartNew();
        var month = new ReportMonth(2026, 10);
        await ActivityMonths.RebuildAsync(dataSource, month, month.In(new LibraryTimeOptions().Zone()), TimeSpan.FromHours(1),
            cancellationToken);
        Console.WriteLine($"  running totals of the month built in {timer.Elapsed.TotalSeconds:F1} s (the intake keeps them as records arrive)");

        var settings = Settings(connectionString, readers);
        using var hub = HubHost.Build(HostRole.Client, settings);
        await hub.StartAsync(cancellationToken);

        // The scan first reads the pages into the caches the computation then finds warm: one untimed scan levels that.
        await SequentialScanAsync(dataSource, cancellationToken);
        double scan = double.MaxValue, compute = double.MaxValue;
        for (var i = 0; i < Repeats; i++)
        {
            scan = Math.Min(scan, await SequentialScanAsync(dataSource, cancellationToken));
            timer.Restart();
            var computed = await hub.Services.GetRequiredService<MonthlyMetrics>().RunAsync(Month, null, mail: false, rebuild: false, cancellationToken);
            compute = Math.Min(compute, timer.Elapsed.TotalSeconds);
            Console.WriteLine($"  metrics job: {timer.Elapsed.TotalSeconds:F2} s ({string.Join(", ", computed[0].Counts.Where(c => c.Key.StartsWith("ms_", StringComparison.Ordinal)).Select(c => $"{c.Key[3..]} {c.Value} ms"))})");
        }

        report.Add(new BenchFigure($"sequential scan of {activities:N0} records (baseline)", scan, "s", null, null, "-", true));
        report.Add(new BenchFigure($"metrics job, {Month}, {readers:N0} readers", compute, "s", scan, "one scan", "<= 3x one scan", compute <= 3 * scan));

        await MetricsBenchHistory.CopyToEarlierMonthsAsync(dataSource, Month, 11, cancellationToken);
        var page = await MetricsPageTimer.MeasureAsync(settings, $"/metrics?month={Month}", PageRequests, cancellationToken);
        report.Add(new BenchFigure($"staff page /metrics, worst of {PageRequests}", page.Worst, "ms", page.Median, "median", "< 300 ms", page.Worst < 300));
        await hub.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Issue 11: the month computed for 10,000 to 1,000,000 readers (ten records each), each size on a fresh database, next
    /// to one sequential scan of that month's activity; the best of two of each.
    /// </summary>
    private static async Task SweepAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        const string Compute = "metrics job";
        const string Scan = "one scan";
        var sweep = new SizeSweep("monthly metrics", "readers", [Compute, Scan], [(Compute, Scan)]);
        // The first size, 2,000 readers, warms the code paths up and is not reported.
        foreach (var readers in SizeSweep.Sizes(options, 2_000, 10_000, 100_000, 250_000, 1_000_000))
        {
            await using var db = await BenchDatabase.CreateAsync("bench_metrics");
            await MetricsBenchData.LoadAsync(db.DataSource, readers, readers * 10L, cancellationToken);
            var month = new ReportMonth(2026, 10);
            await ActivityMonths.RebuildAsync(db.DataSource, month, month.In(new LibraryTimeOptions().Zone()), TimeSpan.FromHours(1),
                cancellationToken);
            using var hub = HubHost.Build(HostRole.Client, Settings(db.ConnectionString, readers));
            await hub.StartAsync(cancellationToken);
            await SequentialScanAsync(db.DataSource, cancellationToken);
            double scan = double.MaxValue, compute = double.MaxValue;
            for (var i = 0; i < 2; i++)
            {
                scan = Math.Min(scan, await SequentialScanAsync(db.DataSource, cancellationToken));
                var timer = Stopwatch.StartNew();
                await hub.Services.GetRequiredService<MonthlyMetrics>().RunAsync(Month, null, mail: false, rebuild: false, cancellationToken);
                compute = Math.Min(compute, timer.Elapsed.TotalSeconds);
            }

            if (readers > 2_000 || options.Size is not null)
            {
                sweep.Add(readers, new Dictionary<string, double> { [Compute] = compute, [Scan] = scan });
            }

            await hub.StopAsync(CancellationToken.None);
        }

        sweep.Print();
        report.Add(sweep.Linearity(Compute, 2));
    }

    /// <summary>count(*) over the month's rows, forced to a plain sequential scan: reading the month once and nothing more.</summary>
    private static async Task<double> SequentialScanAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var plain = new NpgsqlCommand("SET enable_bitmapscan = off; SET enable_indexscan = off", connection))
        {
            await plain.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var scan = new NpgsqlCommand(
            "SELECT count(*) FROM outreach.activities WHERE occurred_at >= '2026-10-01 00:00+08' AND occurred_at < '2026-11-01 00:00+08'", connection)
        {
            CommandTimeout = 0,
        };
        var timer = Stopwatch.StartNew();
        var rows = (long)(await scan.ExecuteScalarAsync(cancellationToken))!;
        var seconds = timer.Elapsed.TotalSeconds;
        Console.WriteLine($"  sequential scan: {rows:N0} rows in {seconds:F2} s");
        return seconds;
    }

    private static Dictionary<string, string?> Settings(string connectionString, int readers)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = connectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Outreach:PersonalData:HashKey"] = "benchmark-hash-key-that-is-long-enough-0123456789",
            ["Outreach:Schedules:metrics-monthly:Enabled"] = "false",
        };
        for (var i = 1; i <= MetricsBenchData.Communities; i++)
        {
            var code = MetricsBenchData.Community(i);
            settings[$"Outreach:Communities:{code}:Name"] = $"Benchmark community {i}";
            settings[$"Outreach:Communities:{code}:PopulationServed"] = (readers / MetricsBenchData.Communities * 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Outreach:Communities:{code}:Kind"] = "Csv";
            settings[$"Outreach:Communities:{code}:DropFolder"] = Path.Combine(Path.GetTempPath(), "outreach-bench-metrics", code);
        }

        return settings;
    }
}
