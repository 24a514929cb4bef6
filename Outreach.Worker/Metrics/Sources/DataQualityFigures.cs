using Outreach.Worker.Metrics.Computing;

namespace Outreach.Worker.Metrics.Sources;

/// <summary>
/// Data quality: rows quarantined in the month (roster rows and activity records; an activity record of an unknown
/// card has no community and counts in the total only) and runs that failed or were refused (a run scoped to a
/// community, e.g. its roster sync, counts for it; every run counts in the total).
/// </summary>
public sealed class DataQualityFigures : IFigureSource
{
    public string Name => "data quality";

    private const string QuarantineSql = """
        SELECT CASE WHEN GROUPING(community) = 1 THEN NULL ELSE community END, count(*)
        FROM outreach.quarantine WHERE created_at >= $1 AND created_at < $2
        GROUP BY ROLLUP (community)
        """;

    private const string FailedRunsSql = """
        SELECT CASE WHEN GROUPING(scope) = 1 THEN NULL ELSE scope END, count(*)
        FROM outreach.job_runs WHERE status IN ('failed', 'refused') AND started_at >= $1 AND started_at < $2
        GROUP BY ROLLUP (scope)
        """;

    public async Task ReadAsync(MonthQuery query, FigureSheet sheet, CancellationToken cancellationToken)
    {
        await using (var quarantine = query.Command(QuarantineSql))
        {
            await sheet.ReadCountsAsync(quarantine, [Indicators.QuarantinedRows], cancellationToken);
        }

        await using (var failed = query.Command(FailedRunsSql))
        {
            await sheet.ReadCountsAsync(failed, [Indicators.FailedRuns], cancellationToken);
        }

        sheet.RecordSource("quarantine_through_id", await query.ScalarAsync<long?>("SELECT max(id) FROM outreach.quarantine", cancellationToken));
        sheet.RecordSource("job_runs_through_id", await query.ScalarAsync<long?>("SELECT max(id) FROM outreach.job_runs", cancellationToken));
    }
}
