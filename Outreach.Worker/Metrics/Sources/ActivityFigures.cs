using System.Globalization;
using Outreach.Worker.Metrics.Computing;

namespace Outreach.Worker.Metrics.Sources;

/// <summary>
/// Active readers, visits, loans, e-resource sessions and event attendance, from the append-only ledger's running totals
/// of the month per community and reader (outreach.activity_months), which the intake keeps in step with it.
/// </summary>
public sealed class ActivityFigures : IFigureSource
{
    public string Name => "activity";

    // Each ledger row is one record (the intake never stores a record twice), counted for the community the reader
    // belonged to when it happened. One row per community and reader: a community's rows are its active readers.
    private const string TotalsSql = """
        SELECT community, count(*), sum(visits), sum(loans), sum(sessions), sum(attendance), max(last_run_id)
        FROM outreach.activity_months WHERE month = $3
        GROUP BY community
        """;

    // A reader active in two communities in one month (they moved during it) is active in each, and once in total.
    // Only readers who moved during the month can have rows in two communities, and only in the communities they
    // moved from and to: their rows are found by the totals' key, without reading the others'.
    private const string CountedTwiceSql = """
        WITH moved AS (
            SELECT reader_id, array_agg(from_community) || array_agg(to_community) AS communities
            FROM outreach.reader_moves WHERE moved_at >= $1 AND moved_at < $2
            GROUP BY reader_id),
        rows_of_moved AS (
            SELECT (SELECT count(*) FROM outreach.activity_months t
                    WHERE t.month = $3 AND t.community = ANY (m.communities) AND t.reader_id = m.reader_id) AS n
            FROM moved m)
        SELECT coalesce(sum(n - 1), 0) FROM rows_of_moved WHERE n > 1
        """;

    private static readonly string[] Counted =
        [Indicators.ActiveReaders, Indicators.Visits, Indicators.Loans, Indicators.EresourceSessions, Indicators.Attendance];

    public async Task ReadAsync(MonthQuery query, FigureSheet sheet, CancellationToken cancellationToken)
    {
        foreach (var indicator in Counted)
        {
            sheet.DefaultToZero(indicator);
        }

        long? lastRun = null;
        var totals = new decimal[Counted.Length];
        await using (var command = query.Command(TotalsSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var community = reader.GetString(0);
                for (var i = 0; i < Counted.Length; i++)
                {
                    var value = Convert.ToDecimal(reader.GetValue(i + 1), CultureInfo.InvariantCulture);
                    sheet.Set(community, Counted[i], value);
                    totals[i] += value;
                }

                lastRun = Math.Max(lastRun ?? 0, reader.GetInt64(6));
            }
        }

        // Every community's figures add up to the total, except active readers, who count once however many communities they were active in.
        totals[0] -= await query.ScalarAsync<decimal>(CountedTwiceSql, cancellationToken);
        for (var i = 0; i < Counted.Length; i++)
        {
            sheet.Set(FigureSheet.AllCommunities, Counted[i], totals[i]);
        }

        sheet.RecordSource("activity_records", (long)(totals[1] + totals[2] + totals[3] + totals[4]));
        sheet.RecordSource("activity_last_intake_run", lastRun);
    }
}
