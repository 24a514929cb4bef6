using Outreach.Worker.Metrics.Computing;

namespace Outreach.Worker.Metrics.Sources;

/// <summary>
/// Seats at events with a capacity that started in the month and were not cancelled: seats offered, registrations,
/// the fill rate, the readers who joined a waitlist and the no-shows, in all and per kind of event. Like events held, an
/// event for every community counts in each, and once in the total. The figures are of each registration's state when
/// the month is computed, which the job does after the month's end, when its events are over.
/// </summary>
public sealed class SeatFigures : IFigureSource
{
    public string Name => "seats";

    // One row per event first (its registrations found through their unique (event, reader) index), then the events'
    // sums per community and kind. Readers who joined a waitlist are those owed a waiting notice, which is written in the
    // transaction that put them on it: whatever became of them later, they asked for a seat when there was none.
    private const string Sql = """
        WITH per_event AS MATERIALIZED (
            SELECT e.kind, e.communities, e.capacity,
                   count(r.id) FILTER (WHERE r.status = 'registered' AND r.channel <> 'walk_in') AS registrations,
                   coalesce(sum(1 + r.guests) FILTER (WHERE r.status = 'registered'), 0) AS taken,
                   count(r.id) FILTER (WHERE EXISTS (SELECT 1 FROM outreach.seat_notices n
                                                     WHERE n.registration_id = r.id AND n.kind = 'waiting')) AS waited,
                   count(r.id) FILTER (WHERE r.status = 'registered' AND r.channel <> 'walk_in' AND r.checked_in_at IS NULL) AS no_shows
            FROM outreach.events e LEFT JOIN outreach.seat_registrations r ON r.event_id = e.id
            WHERE NOT e.cancelled AND e.capacity IS NOT NULL AND e.starts_at >= $1 AND e.starts_at < $2
            GROUP BY e.id)
        SELECT c.code, CASE WHEN GROUPING(p.kind) = 1 THEN NULL ELSE p.kind END,
               sum(p.capacity)::numeric, sum(p.registrations)::numeric, sum(p.taken)::numeric, sum(p.waited)::numeric, sum(p.no_shows)::numeric
        FROM per_event p JOIN unnest($6::text[]) AS c(code) ON cardinality(p.communities) = 0 OR c.code = ANY (p.communities)
        GROUP BY GROUPING SETS ((c.code, p.kind), (c.code))
        UNION ALL
        SELECT NULL, CASE WHEN GROUPING(kind) = 1 THEN NULL ELSE kind END,
               sum(capacity)::numeric, sum(registrations)::numeric, sum(taken)::numeric, sum(waited)::numeric, sum(no_shows)::numeric
        FROM per_event GROUP BY ROLLUP (kind)
        """;

    private sealed record Counts(decimal Capacity, decimal Registrations, decimal Taken, decimal Waited, decimal NoShows)
    {
        public static readonly Counts None = new(0, 0, 0, 0, 0);
    }

    public async Task ReadAsync(MonthQuery query, FigureSheet sheet, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(string Community, string Kind), Counts>();
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        await using (var command = query.Command(Sql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            // With no event with seats at all, ROLLUP still gives its grand-total row, with no sums.
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(2))
                {
                    continue;
                }

                var kind = reader.IsDBNull(1) ? "" : reader.GetString(1);
                if (kind.Length > 0)
                {
                    kinds.Add(kind);
                }

                counts[(reader.IsDBNull(0) ? FigureSheet.AllCommunities : reader.GetString(0), kind)] =
                    new Counts(reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetDecimal(5), reader.GetDecimal(6));
            }
        }

        // Zero where nothing happened; the rates empty where there was nothing to divide by.
        foreach (var community in sheet.Communities.Append(FigureSheet.AllCommunities))
        {
            var all = counts.GetValueOrDefault((community, "")) ?? Counts.None;
            sheet.Set(community, Indicators.SeatCapacity, all.Capacity);
            sheet.Set(community, Indicators.SeatNoShows, all.NoShows);
            Set(sheet, community, all, indicator => indicator);
            foreach (var kind in kinds)
            {
                Set(sheet, community, counts.GetValueOrDefault((community, kind)) ?? Counts.None, indicator => Indicators.SeatKindKey(kind, indicator));
            }
        }

        sheet.RecordSource("seat_registrations_through_id",
            await query.ScalarAsync<long?>("SELECT max(id) FROM outreach.seat_registrations", cancellationToken));
    }

    // The indicators given in all and per kind of event (Indicators.SeatByKind).
    private static void Set(FigureSheet sheet, string community, Counts counts, Func<string, string> key)
    {
        sheet.Set(community, key(Indicators.SeatRegistrations), counts.Registrations);
        sheet.Set(community, key(Indicators.SeatFillRate), DerivedFigures.Ratio(counts.Taken, counts.Capacity, 1m));
        sheet.Set(community, key(Indicators.SeatWaitlistDemand), counts.Waited);
        sheet.Set(community, key(Indicators.SeatNoShowRate), DerivedFigures.Ratio(counts.NoShows, counts.Registrations, 1m));
    }
}
