using Outreach.Bench.Digests;
using Outreach.Bench.Jobs;
using Outreach.Bench.Metrics;
using Outreach.Bench.Orders;
using Outreach.Bench.Sync;

namespace Outreach.Bench;

/// <summary>A benchmark the runner knows by name.</summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken);
}

/// <summary>Runs named benchmarks: <c>dotnet run -c Release --project bench/Outreach.Bench -- sync [--size N]</c>.</summary>
public static class BenchmarkRunner
{
    private static readonly IBenchmark[] Benchmarks =
    [
        new SyncBenchmark(),
        new Cards.CardPushBenchmark(),
        new Activity.ActivityIntakeBenchmark(),
        new OrdersBenchmark(),
        new DigestBenchmark(),
        new Digests.EnrolmentBenchmark(),
        new MetricsBenchmark(),
        new JobsBenchmark(),
        new Pages.PagesBenchmark(),
        new Seats.SeatsBenchmark(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var selected = options.Names.Count == 0 || options.Names.Contains("all")
            ? Benchmarks
            : Benchmarks.Where(b => options.Names.Contains(b.Name)).ToArray();
        if (selected.Length == 0 || options.Help)
        {
            Console.WriteLine("usage: Outreach.Bench <name>... [--size N] [--sweep]   (names: all, " + string.Join(", ", Benchmarks.Select(b => b.Name)) + ")");
            foreach (var benchmark in Benchmarks)
            {
                Console.WriteLine($"  {benchmark.Name,-10} {benchmark.Description}");
            }

            return options.Help ? 0 : 2;
        }

        var report = new BenchReport();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        foreach (var benchmark in selected)
        {
            Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
            await benchmark.RunAsync(options, report, cancel.Token);
        }

        report.Print();
        return report.AllMet ? 0 : 1;
    }
}
