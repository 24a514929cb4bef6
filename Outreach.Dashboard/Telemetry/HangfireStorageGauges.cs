using System.Data.Common;
using System.Diagnostics.Metrics;
using Hangfire;
using Outreach.Worker.Telemetry;

namespace Outreach.Dashboard.Telemetry;

/// <summary>
/// What the whole hub's Hangfire storage holds, read when Prometheus scrapes: jobs per state and queue lengths. The
/// dashboard reports them (once per deployment); the workers report what they themselves ran.
/// </summary>
internal static class HangfireStorageGauges
{
    public static void Install(IServiceProvider services)
    {
        var storage = services.GetRequiredService<JobStorage>();
        var meter = services.GetRequiredService<IMeterFactory>().Create(OutreachMetrics.MeterName);
        meter.CreateObservableGauge("outreach.hangfire.jobs", () => JobsByState(storage), "{job}",
            "Jobs in the Hangfire storage by state (enqueued, scheduled, processing, failed) and live servers (state=servers)");
        meter.CreateObservableGauge("outreach.hangfire.queue.length", () => QueueLengths(storage), "{job}",
            "Jobs waiting per Hangfire queue");
    }

    private static IEnumerable<Measurement<long>> JobsByState(JobStorage storage) => WhileReachable(() =>
    {
        var statistics = storage.GetMonitoringApi().GetStatistics();
        return
        [
            State(statistics.Enqueued, "enqueued"),
            State(statistics.Scheduled, "scheduled"),
            State(statistics.Processing, "processing"),
            State(statistics.Failed, "failed"),
            new Measurement<long>(statistics.Servers, new KeyValuePair<string, object?>("state", "servers")),
        ];
    });

    private static Measurement<long> State(long count, string state) => new(count, new KeyValuePair<string, object?>("state", state));

    private static IEnumerable<Measurement<long>> QueueLengths(JobStorage storage) => WhileReachable(() =>
        storage.GetMonitoringApi().Queues()
            .Select(queue => new Measurement<long>(queue.Length, new KeyValuePair<string, object?>("queue", queue.Name)))
            .ToList());

    // While the database is away a scrape still answers (with the process's own metrics); /healthz reports the outage.
    private static IReadOnlyList<Measurement<long>> WhileReachable(Func<IReadOnlyList<Measurement<long>>> read)
    {
        try
        {
            return read();
        }
        catch (Exception failure) when (failure is DbException or InvalidOperationException or TimeoutException)
        {
            return [];
        }
    }
}
