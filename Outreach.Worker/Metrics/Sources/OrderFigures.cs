using Outreach.Worker.Metrics.Computing;

namespace Outreach.Worker.Metrics.Sources;

/// <summary>
/// Book orders: requested in the month (by when the request came in), delivered in the month (by when the bookstore
/// reported delivery) with the calendar days from request to delivery and their cost per budget line, and orders
/// closed undelivered in the month (cancelled, rejected, declined). An order requested in one month and delivered in
/// the next counts as requested in the first and delivered in the second. Final statuses never change again, so
/// status_changed_at of a final order is when it closed.
/// </summary>
public sealed class OrderFigures : IFigureSource
{
    public string Name => "orders";

    private const string RequestedSql = """
        SELECT CASE WHEN GROUPING(community) = 1 THEN NULL ELSE community END, count(*)
        FROM outreach.book_orders WHERE created_at >= $1 AND created_at < $2
        GROUP BY ROLLUP (community)
        """;

    private const string ClosedSql = """
        SELECT CASE WHEN GROUPING(community) = 1 THEN NULL ELSE community END,
               count(*) FILTER (WHERE status = 'delivered'),
               count(*) FILTER (WHERE status <> 'delivered')
        FROM outreach.book_orders
        WHERE status IN ('delivered', 'cancelled', 'rejected', 'declined') AND status_changed_at >= $1 AND status_changed_at < $2
        GROUP BY ROLLUP (community)
        """;

    // Days as the library counts them: the calendar date of delivery minus that of the request, both in its time zone.
    private const string DaysSql = """
        SELECT CASE WHEN GROUPING(d.community) = 1 THEN NULL ELSE d.community END,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY d.days),
               percentile_cont(0.9) WITHIN GROUP (ORDER BY d.days)
        FROM (SELECT community, (timezone($5, status_changed_at))::date - (timezone($5, created_at))::date AS days
              FROM outreach.book_orders
              WHERE status = 'delivered' AND status_changed_at >= $1 AND status_changed_at < $2) AS d
        GROUP BY ROLLUP (d.community)
        """;

    private const string SpendSql = """
        SELECT CASE WHEN GROUPING(community) = 1 THEN NULL ELSE community END,
               CASE WHEN GROUPING(budget_code) = 1 THEN NULL ELSE budget_code END,
               sum(quantity * unit_price)
        FROM outreach.book_orders
        WHERE status = 'delivered' AND status_changed_at >= $1 AND status_changed_at < $2
        GROUP BY CUBE (community, budget_code)
        """;

    public async Task ReadAsync(MonthQuery query, FigureSheet sheet, CancellationToken cancellationToken)
    {
        await using (var requested = query.Command(RequestedSql))
        {
            await sheet.ReadCountsAsync(requested, [Indicators.OrdersRequested], cancellationToken);
        }

        await using (var closed = query.Command(ClosedSql))
        {
            await sheet.ReadCountsAsync(closed, [Indicators.OrdersDelivered, Indicators.OrdersClosedUndelivered], cancellationToken);
        }

        await using (var days = query.Command(DaysSql))
        {
            await sheet.ReadStatisticsAsync(days, [Indicators.OrderDaysMedian, Indicators.OrderDaysP90], cancellationToken);
        }

        await ReadSpendAsync(query, sheet, cancellationToken);
        sheet.RecordSource("book_orders_through_id", await query.ScalarAsync<long?>("SELECT max(id) FROM outreach.book_orders", cancellationToken));
        sheet.RecordSource("bookstore_changes_through_seq", await query.ScalarAsync<long?>("SELECT max(seq) FROM outreach.bookstore_changes", cancellationToken));
    }

    // Every budget line with delivered orders anywhere this month gets a value in every community (zero where it has none).
    private static async Task ReadSpendAsync(MonthQuery query, FigureSheet sheet, CancellationToken cancellationToken)
    {
        sheet.DefaultToZero(Indicators.SpendTotal);
        var rows = new List<(string Community, string? Line, decimal Amount)>();
        await using (var spend = query.Command(SpendSql))
        await using (var reader = await spend.ExecuteReaderAsync(cancellationToken))
        {
            // With no delivered order at all, CUBE still gives its grand-total row, with no sum.
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(2))
                {
                    continue;
                }

                rows.Add((reader.IsDBNull(0) ? FigureSheet.AllCommunities : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetDecimal(2)));
            }
        }

        foreach (var line in rows.Where(r => r.Line is not null).Select(r => r.Line!).Distinct(StringComparer.Ordinal))
        {
            sheet.DefaultToZero(Indicators.SpendKey(line));
        }

        foreach (var (community, line, amount) in rows)
        {
            sheet.Set(community, line is null ? Indicators.SpendTotal : Indicators.SpendKey(line), amount);
        }
    }
}
