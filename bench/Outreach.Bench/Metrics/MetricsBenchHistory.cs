using Npgsql;

namespace Outreach.Bench.Metrics;

/// <summary>Gives the page a year of figures to chart: the computed month's figures copied to the months before it, scaled a little each month.</summary>
public static class MetricsBenchHistory
{
    public static async Task CopyToEarlierMonthsAsync(NpgsqlDataSource dataSource, string month, int months, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"""
                    INSERT INTO outreach.metric_months (month, time_zone, period_start, period_end, computed_at, run_id, sources, fingerprint)
                    SELECT (m.month - k * interval '1 month')::date, m.time_zone, m.period_start - k * interval '1 month', m.period_end - k * interval '1 month',
                           m.computed_at, m.run_id, m.sources, m.fingerprint || '-' || k
                    FROM outreach.metric_months m, generate_series(1, {months}) AS k
                    WHERE m.month = date '{month}-01'
                    ON CONFLICT (month) DO NOTHING
                    """),
                new NpgsqlBatchCommand($"""
                    INSERT INTO outreach.metric_values (month, community, indicator, value)
                    SELECT (v.month - k * interval '1 month')::date, v.community, v.indicator, round(v.value * (1 - k * 0.03), 4)
                    FROM outreach.metric_values v, generate_series(1, {months}) AS k
                    WHERE v.month = date '{month}-01'
                    ON CONFLICT DO NOTHING
                    """),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
