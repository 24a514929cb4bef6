using Outreach.Integrations.Time;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Metrics.Computing;

/// <summary>Computes and stores one month's figures within a run (<see cref="MetricsComputation"/>).</summary>
public interface IMonthComputation
{
    Task<ComputedMonth> ComputeAsync(ReportMonth month, RunScope run, bool rebuildActivityTotals, CancellationToken cancellationToken);
}
