
namespace Outreach.Worker.Metrics;

/// <summary>The metrics job as Hangfire and the CLI run it: <c>run metrics --month 2026-10</c>.</summary>
public sealed class MetricsJob(MonthlyMetrics metrics)
{
    public async Task RunAsync(string? month, string? from, bool mail, bool rebuild, CancellationToken cancellationToken) =>
        await metrics.RunAsync(month, from, mail, rebuild, cancellationToken);
}
