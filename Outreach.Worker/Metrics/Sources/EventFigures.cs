using Outreach.Worker.Metrics.Computing;

namespace Outreach.Worker.Metrics.Sources;

/// <summary>
/// Events held: the programme's events that started in the month and were not cancelled. An event for every community
/// (no communities named) counts as held in each, and once in the total. Attendance comes from the activity ledger.
/// </summary>
public sealed class EventFigures : IFigureSource
{
    public string Name => "events";

    private const string Sql = """
        SELECT c.code, count(*)
        FROM outreach.events e CROSS JOIN unnest($6::text[]) AS c(code)
        WHERE NOT e.cancelled AND e.starts_at >= $1 AND e.starts_at < $2
          AND (cardinality(e.communities) = 0 OR c.code = ANY (e.communities))
        GROUP BY c.code
        UNION ALL
        SELECT NULL, count(*) FROM outreach.events WHERE NOT cancelled AND starts_at >= $1 AND starts_at < $2
        """;

    public async Task ReadAsync(MonthQuery query, FigureSheet sheet, CancellationToken cancellationToken)
    {
        await using var command = query.Command(Sql);
        await sheet.ReadCountsAsync(command, [Indicators.EventsHeld], cancellationToken);
        sheet.RecordSource("events_through_id", await query.ScalarAsync<long?>("SELECT max(id) FROM outreach.events", cancellationToken));
    }
}
