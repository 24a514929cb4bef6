using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Testing;
using Outreach.Worker.Cli;
using Outreach.Worker.Hosting;
using Outreach.Worker.Jobs;
using Outreach.Worker.Storage;

namespace Outreach.Bench.Jobs;

/// <summary>
/// The "proof under fire" targets for the job system: a job enqueued while the workers idle starts within a median of
/// 1 s, and no-op jobs go through at least as fast as plain Hangfire with Hangfire.PostgreSql's defaults, measured in the
/// same run with 10 workers each (the published figure for Hangfire on PostgreSQL with 10 workers is about 63 jobs/s).
/// Each server runs in a child process; this process enqueues, as the dashboard and the scheduler do.
/// </summary>
public sealed class JobsBenchmark : IBenchmark
{
    private const int LatencySamples = 50;
    private const int WarmUpJobs = 20;
    private const int EnqueueConcurrency = 4;
    private const double PublishedJobsPerSecond = 63;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    // Long enough for plain defaults' slowest start (its 15 s poll), short of the 5 minutes after which a fetched job is fetched again.
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    public string Name => "jobs";

    public string Description => "Hangfire: enqueue-to-start latency and no-op throughput, the hub's worker vs plain defaults (default 2,000 jobs)";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        var jobs = options.Size ?? 2_000;
        Console.WriteLine($"  {JobsBenchSettings.Workers} workers each, {LatencySamples} latency samples, {jobs:N0} no-op jobs, {Environment.ProcessorCount} cores");

        var plain = await MeasurePlainAsync(jobs, cancellationToken);
        report.Add(new BenchFigure("plain: enqueue-to-start median (baseline)", plain.Median, "ms", null, null, "-", true));
        report.Add(new BenchFigure("plain: enqueue-to-start p95 (baseline)", plain.P95, "ms", null, null, "-", true));
        report.Add(new BenchFigure($"plain: {jobs:N0} no-op jobs, burst (baseline)", plain.JobsPerSecond, "jobs/s", PublishedJobsPerSecond, "published",
            "-", true));
        report.Add(new BenchFigure("plain: rate after the last enqueue (baseline)", plain.StartedPerSecond, "jobs/s", null, null, "-", true));
        report.Add(new BenchFigure("plain: burst jobs never started", plain.NeverStarted, "jobs", null, null, "0", plain.NeverStarted == 0));

        var hub = await MeasureHubAsync(jobs, cancellationToken);
        report.Add(new BenchFigure("hub worker: enqueue-to-start median", hub.Median, "ms", plain.Median, "plain", "< 1000 ms", hub.Median < 1000));
        report.Add(new BenchFigure("hub worker: enqueue-to-start p95", hub.P95, "ms", plain.P95, "plain", "-", true));
        report.Add(new BenchFigure($"hub worker: {jobs:N0} no-op jobs, burst", hub.JobsPerSecond, "jobs/s", plain.JobsPerSecond, "plain",
            string.Create(CultureInfo.InvariantCulture, $">= plain, ~{PublishedJobsPerSecond:0} published"), hub.JobsPerSecond >= plain.JobsPerSecond));
        report.Add(new BenchFigure("hub worker: rate after the last enqueue", hub.StartedPerSecond, "jobs/s", plain.StartedPerSecond, "plain", "-", true));
        report.Add(new BenchFigure("hub worker: burst jobs never started", hub.NeverStarted, "jobs", plain.NeverStarted, "plain", "0", hub.NeverStarted == 0));
    }

    private static async Task<Measured> MeasurePlainAsync(int jobs, CancellationToken cancellationToken)
    {
        // A database of its own, with nothing but the schema Hangfire.PostgreSql installs for itself.
        var connectionString = await TestPostgres.CreateDatabaseAsync("bench_jobs_plain", migrated: false);
        var storage = JobsBenchSettings.PlainStorage(connectionString);
        var client = new BackgroundJobClient(storage);
        return await MeasureAsync(JobServerKind.Plain, connectionString, token => client.Enqueue<NoOpJob>(job => job.RunAsync(token, CancellationToken.None)),
            jobs, cancellationToken);
    }

    private static async Task<Measured> MeasureHubAsync(int jobs, CancellationToken cancellationToken)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("bench_jobs_hub");
        // The dashboard's side: a client host enqueuing through the job catalog, as "Run now" does.
        using var dashboard = HubHost.Build(HostRole.Client, JobsBenchSettings.Hub(connectionString), NoOpJob.Register);
        await dashboard.StartAsync(cancellationToken);
        var client = dashboard.Services.GetRequiredService<IBackgroundJobClient>();
        var noOp = dashboard.Services.GetRequiredService<JobCatalog>().Get(NoOpJob.Name);
        try
        {
            return await MeasureAsync(JobServerKind.Hub, connectionString,
                token => noOp.Enqueue(client, new JobArguments(new Dictionary<string, string> { ["token"] = token })), jobs, cancellationToken);
        }
        finally
        {
            await dashboard.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<Measured> MeasureAsync(JobServerKind kind, string connectionString, Func<string, string> enqueue, int jobs,
        CancellationToken cancellationToken)
    {
        await using var server = await JobServerProcess.StartAsync(kind, connectionString, cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var label = kind == JobServerKind.Plain ? "plain defaults" : "hub worker";

        // Warm-up (JIT, pools, prepared plans) on both sides, then a pause so every worker is back in its idle wait.
        var warmUp = Enumerable.Range(0, WarmUpJobs).Select(i => Token(kind, "warm", i)).ToList();
        warmUp.ForEach(token => enqueue(token));
        foreach (var token in warmUp)
        {
            await server.StartOfAsync(token, StartTimeout, cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);

        // Latency: one job at a time, each after the one before started and a pause of 0.2-1 s, so no poll rhythm is hit on purpose.
        var random = new Random(20261120);
        var latencies = new List<double>(LatencySamples);
        for (var i = 0; i < LatencySamples; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 1000)), cancellationToken);
            var token = Token(kind, "latency", i);
            var before = Stopwatch.GetTimestamp();
            enqueue(token);
            var started = await server.StartOfAsync(token, StartTimeout, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(before, started).TotalMilliseconds);
        }

        latencies.Sort();
        var median = Percentile(latencies, 0.5);
        var p95 = Percentile(latencies, 0.95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label}: enqueue-to-start median {median:F0} ms, p95 {p95:F0} ms, min {latencies[0]:F0} ms, max {latencies[^1]:F0} ms"));

        // Throughput: the jobs enqueued in a burst, timed from the first enqueue until the last of them succeeded.
        var succeededBefore = await SucceededAsync(dataSource, cancellationToken);
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, jobs, new ParallelOptions { MaxDegreeOfParallelism = EnqueueConcurrency, CancellationToken = cancellationToken },
            (i, _) =>
            {
                enqueue(Token(kind, "burst", i));
                return ValueTask.CompletedTask;
            });
        var enqueued = clock.Elapsed;
        var enqueueEnd = Stopwatch.GetTimestamp();
        var (done, lastDone) = await DrainAsync(dataSource, succeededBefore, jobs, clock, cancellationToken);
        var rate = done / lastDone.TotalSeconds;
        await Task.Delay(500, cancellationToken); // the last start lines still on their way through the pipe
        var startedRate = StartedPerSecond(server, Enumerable.Range(0, jobs).Select(i => Token(kind, "burst", i)), enqueueEnd);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label}: {jobs:N0} jobs enqueued in {enqueued.TotalSeconds:F1} s, {done:N0} succeeded after {lastDone.TotalSeconds:F1} s: {rate:F1} jobs/s ({startedRate:F1} jobs/s started once the last was enqueued)"));
        if (done < jobs)
        {
            var fetched = await FetchedButEnqueuedAsync(dataSource, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label}: {jobs - done:N0} job(s) never started: {fetched:N0} fetched by a worker that never moved them to Processing"));
        }

        return new Measured(median, p95, rate, startedRate, jobs - done);
    }

    /// <summary>
    /// Waits until the burst has succeeded, or until nothing has succeeded for <see cref="StallTimeout"/>: how many did,
    /// and when the last of them did.
    /// </summary>
    private static async Task<(long Done, TimeSpan LastDone)> DrainAsync(NpgsqlDataSource dataSource, long before, int jobs, Stopwatch clock,
        CancellationToken cancellationToken)
    {
        long done = 0;
        var lastDone = clock.Elapsed;
        while (done < jobs && clock.Elapsed - lastDone < StallTimeout)
        {
            await Task.Delay(50, cancellationToken);
            var now = await SucceededAsync(dataSource, cancellationToken) - before;
            if (now != done)
            {
                (done, lastDone) = (now, clock.Elapsed);
            }
        }

        return (done, lastDone);
    }

    // A job a worker fetched (its queue row is taken) but never started: what a worker blocked inside its fetch leaves.
    private static async Task<long> FetchedButEnqueuedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT count(*) FROM {HubSchemas.Hangfire}.jobqueue q JOIN {HubSchemas.Hangfire}.job j ON j.id = q.jobid
            WHERE q.fetchedat IS NOT NULL AND j.statename = 'Enqueued'
            """);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<long> SucceededAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        // Both servers keep their jobs in the schema "hangfire": Hangfire.PostgreSql's default, and the hub's.
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {HubSchemas.Hangfire}.job WHERE statename = 'Succeeded'");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The rate of starts once the enqueuing is over and the workers are at it: without the wait for the first fetch (up to
    /// one poll interval for plain defaults), and without this process's enqueuing competing with them for the cores.
    /// </summary>
    private static double StartedPerSecond(JobServerProcess server, IEnumerable<string> tokens, long enqueueEnd)
    {
        var starts = tokens.Select(server.StartOf).OfType<long>().Where(start => start >= enqueueEnd).ToList();
        return starts.Count < 2 ? 0 : (starts.Count - 1) / Stopwatch.GetElapsedTime(starts.Min(), starts.Max()).TotalSeconds;
    }

    private static string Token(JobServerKind kind, string phase, int i) => string.Create(CultureInfo.InvariantCulture, $"{kind}-{phase}-{i}");

    /// <summary>Nearest-rank percentile of sorted values; the median of an even count is the mean of the middle two.</summary>
    private static double Percentile(List<double> sorted, double fraction)
    {
        if (fraction == 0.5 && sorted.Count % 2 == 0)
        {
            return (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private sealed record Measured(double Median, double P95, double JobsPerSecond, double StartedPerSecond, long NeverStarted);
}
