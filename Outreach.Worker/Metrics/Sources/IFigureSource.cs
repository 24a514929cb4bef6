using Outreach.Worker.Metrics.Computing;

namespace Outreach.Worker.Metrics.Sources;

/// <summary>
/// One kind of source data (activity, cards, events, digests, orders, data quality) and the figures it gives. Each
/// reads inside the computation's transaction, so all of them see the same snapshot of the database.
/// </summary>
public interface IFigureSource
{
    /// <summary>For progress and the record of sources.</summary>
    string Name { get; }

    Task ReadAsync(MonthQuery query, FigureSheet sheet, CancellationToken cancellationToken);
}
