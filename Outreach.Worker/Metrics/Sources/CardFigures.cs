using Outreach.Worker.Metrics.Computing;

namespace Outreach.Worker.Metrics.Sources;

/// <summary>
/// Card holders at the end of the month (from each card's history), new cards (issued in the month, in the community
/// that issued them) and withdrawn cards (withdrawals in the month, in the community that withdrew them).
/// </summary>
public sealed class CardFigures : IFigureSource
{
    public string Name => "cards";

    // A card is held at month end when it was issued by the last day and its last withdrawal/reactivation before the
    // end, if any, was a reactivation. Its holder counts for the community they lived in at that instant: for a reader
    // who never moved, the community that issued the card; for one who moved, the one they left by their first move at
    // or after the end, else their current one. Only the few readers who moved are looked up in the registry.
    private const string HoldersSql = """
        WITH withdrawn_at_end AS (
            SELECT card_id FROM (
                SELECT DISTINCT ON (card_id) card_id, event
                FROM outreach.card_events WHERE at < $2
                ORDER BY card_id, at DESC, id DESC) AS last_event
            WHERE event = 'withdrawn'),
        moved_after AS (
            SELECT DISTINCT ON (reader_id) reader_id, from_community
            FROM outreach.reader_moves WHERE moved_at >= $2
            ORDER BY reader_id, moved_at, id)
        SELECT community, count(*)
        FROM (SELECT coalesce(c.issued_community, (SELECT r.community FROM outreach.readers r WHERE r.id = c.reader_id)) AS community
              FROM outreach.cards c
              WHERE c.issued_on <= $4
                AND NOT EXISTS (SELECT 1 FROM withdrawn_at_end w WHERE w.card_id = c.id)
                AND NOT EXISTS (SELECT 1 FROM outreach.reader_moves m WHERE m.reader_id = c.reader_id)
              UNION ALL
              SELECT coalesce(after.from_community, r.community)
              FROM (SELECT DISTINCT reader_id FROM outreach.reader_moves) AS moved
              JOIN outreach.readers r ON r.id = moved.reader_id
              JOIN outreach.cards c ON c.reader_id = moved.reader_id
              LEFT JOIN moved_after after ON after.reader_id = moved.reader_id
              WHERE c.issued_on <= $4 AND NOT EXISTS (SELECT 1 FROM withdrawn_at_end w WHERE w.card_id = c.id)) AS holders
        GROUP BY ROLLUP (community)
        """;

    private const string NewCardsSql = """
        SELECT CASE WHEN GROUPING(c.community) = 1 THEN NULL ELSE c.community END, count(*)
        FROM (SELECT coalesce(issued_community, '') AS community FROM outreach.cards WHERE issued_on BETWEEN $3 AND $4) AS c
        GROUP BY ROLLUP (c.community)
        """;

    private const string WithdrawnSql = """
        SELECT CASE WHEN GROUPING(community) = 1 THEN NULL ELSE community END, count(*)
        FROM outreach.card_events WHERE event = 'withdrawn' AND at >= $1 AND at < $2
        GROUP BY ROLLUP (community)
        """;

    public async Task ReadAsync(MonthQuery query, FigureSheet sheet, CancellationToken cancellationToken)
    {
        // Every card is checked against the set of cards withdrawn by the month's end, which has no index: a nested loop
        // would scan that set once per card if the planner took it for a few rows.
        await query.ForbidNestedLoopsAsync(cancellationToken);
        await using (var holders = query.Command(HoldersSql))
        {
            await sheet.ReadCountsAsync(holders, [Indicators.CardHolders], cancellationToken);
        }

        await query.AllowNestedLoopsAsync(cancellationToken);

        await using (var issued = query.Command(NewCardsSql))
        {
            await sheet.ReadCountsAsync(issued, [Indicators.NewCards], cancellationToken);
        }

        await using (var withdrawn = query.Command(WithdrawnSql))
        {
            await sheet.ReadCountsAsync(withdrawn, [Indicators.WithdrawnCards], cancellationToken);
        }

        sheet.RecordSource("cards_through_id", await query.ScalarAsync<long?>("SELECT max(id) FROM outreach.cards", cancellationToken));
        sheet.RecordSource("card_events_through_id", await query.ScalarAsync<long?>("SELECT max(id) FROM outreach.card_events", cancellationToken));
        sheet.RecordSource("reader_moves_through_id", await query.ScalarAsync<long?>("SELECT max(id) FROM outreach.reader_moves", cancellationToken));
    }
}
