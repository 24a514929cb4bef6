using Outreach.Integrations.Time;

namespace Outreach.Worker.Metrics.Reading;

/// <summary>The months whose figures are stored, as the metrics job reads them (<see cref="MetricsStore"/>).</summary>
public interface IComputedMonths
{
    /// <summary>Every computed month, newest first.</summary>
    Task<IReadOnlyList<ComputedMonthRecord>> MonthsAsync(CancellationToken cancellationToken);

    Task<MonthlyReport?> ReportAsync(ReportMonth month, CancellationToken cancellationToken);
}
