using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Integrations.PersonalData;
using Outreach.Worker.Messages;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Orders.Board;

/// <summary>Reads orders for the staff pages: the filtered list, one order with its history, the stuck list, spend per budget line.</summary>
public sealed class OrderBoard(NpgsqlDataSource dataSource, IOptionsMonitor<OrdersOptions> options, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>The oldest age the list filters by: a hundred years, older than any order.</summary>
    public const int MaxAgeDays = 36_500;

    /// <summary>Notices given up within this window count as needing attention (staff tell those readers at the desk).</summary>
    public static readonly TimeSpan NoticeWindow = TimeSpan.FromDays(30);

    private const string Columns = """
        id, order_ref, status, status_reason, title, isbn13, quantity, unit_price, budget_code, community, card_number, bookstore_order_id,
        created_at, status_changed_at, status_reason_code, status_reason_args::text
        """;

    public async Task<OrderPage> ListAsync(OrderFilter filter, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, filter.Page);
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM outreach.book_orders
            WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR community = $2) AND ($3::text IS NULL OR card_number = $3)
              AND ($4::timestamptz IS NULL OR created_at <= $4)
            ORDER BY created_at DESC, id DESC
            LIMIT $5 OFFSET $6
            """);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, Blank(filter.Status) ?? (object)DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, Blank(filter.Community)?.ToUpperInvariant() ?? (object)DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, Blank(filter.CardNumber)?.ToUpperInvariant() ?? (object)DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz,
            filter.OlderThanDays is { } days and > 0 ? clock.GetUtcNow().AddDays(-Math.Min(days, MaxAgeDays)) : DBNull.Value);
        // One row more than a page tells whether there is a next page without counting the table.
        command.Parameters.AddWithValue(PageSize + 1);
        command.Parameters.AddWithValue(Paging.Offset(page, PageSize));
        var rows = await ReadRowsAsync(command, cancellationToken);
        return new OrderPage(rows.Take(PageSize).ToList(), page, rows.Count > PageSize);
    }

    /// <summary>Open orders whose status has not moved for Outreach:Orders:StuckAfterDays days, the longest-waiting first.</summary>
    public async Task<IReadOnlyList<OrderRow>> StuckAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM outreach.book_orders
            WHERE status = ANY($1) AND status_changed_at < $2
            ORDER BY status_changed_at, id
            LIMIT 500
            """);
        command.Parameters.AddWithValue(OrderStatus.Open.ToArray());
        command.Parameters.AddWithValue(StuckBefore());
        return await ReadRowsAsync(command, cancellationToken);
    }

    public int StuckAfterDays => options.CurrentValue.StuckAfterDays;

    public async Task<OrderDetail?> DetailAsync(string orderRef, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}, deliver_kind, deliver_community, source, source_name, external_ref, push_attempts, last_push_error, last_push_at
            FROM outreach.book_orders WHERE order_ref = $1
            """);
        command.Parameters.AddWithValue(orderRef.Trim().ToUpperInvariant());
        OrderRow order;
        (string DeliverKind, string? DeliverCommunity, string Source, string SourceName, string? ExternalRef, int Attempts, string? Error, DateTimeOffset? At) more;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            order = ReadRow(reader);
            more = (reader.GetString(16), NullableString(reader, 17), reader.GetString(18), reader.GetString(19), NullableString(reader, 20),
                reader.GetInt32(21), Scrubbed(reader, 22), reader.IsDBNull(23) ? null : reader.GetFieldValue<DateTimeOffset>(23));
        }

        return new OrderDetail(order, more.DeliverKind, more.DeliverCommunity, more.Source, more.SourceName, more.ExternalRef, more.Attempts, more.Error,
            more.At, await HistoryAsync(order.Id, cancellationToken), await NoticesAsync(order.Id, cancellationToken));
    }

    /// <summary>Every configured budget line (and any other that orders name) for one month, with what counts against its cap.</summary>
    public async Task<IReadOnlyList<BudgetSpend>> SpendAsync(DateOnly month, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT budget_code, count(*), sum(quantity), sum(quantity * unit_price),
                   coalesce(sum(quantity * unit_price) FILTER (WHERE status = 'delivered'), 0)
            FROM outreach.book_orders
            WHERE budget_month = $1 AND {OrderStatus.CountsAgainstLimitsSql}
            GROUP BY budget_code
            """);
        command.Parameters.AddWithValue(new DateOnly(month.Year, month.Month, 1));
        var spent = new Dictionary<string, (long Orders, long Books, decimal Committed, decimal Delivered)>(StringComparer.OrdinalIgnoreCase);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                spent[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetDecimal(3), reader.GetDecimal(4));
            }
        }

        var lines = options.CurrentValue.BudgetLines;
        return lines.Keys.Union(spent.Keys, StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .Select(code =>
            {
                var line = lines.GetValueOrDefault(code);
                var (orders, books, committed, delivered) = spent.GetValueOrDefault(code);
                return new BudgetSpend(code, line?.Name, line?.MonthlyCap ?? 0, orders, books, committed, delivered);
            })
            .ToList();
    }

    public async Task<OrderAttention> AttentionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE status = 'held'), count(*) FILTER (WHERE status = 'failed'),
                   count(*) FILTER (WHERE status = ANY($1) AND status_changed_at < $2),
                   (SELECT count(*) FROM outreach.book_order_notices WHERE given_up_at >= $4)
            FROM outreach.book_orders WHERE status = ANY($3)
            """);
        command.Parameters.AddWithValue(OrderStatus.Open.ToArray());
        command.Parameters.AddWithValue(StuckBefore());
        command.Parameters.AddWithValue(OrderStatus.Open.Append(OrderStatus.Failed).ToArray());
        command.Parameters.AddWithValue(clock.GetUtcNow() - NoticeWindow);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new OrderAttention(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>The communities that have orders, for the filter's choices.</summary>
    public async Task<IReadOnlyList<string>> CommunitiesAsync(CancellationToken cancellationToken)
    {
        // The few communities are found by skipping through the (community, created_at) index, not by reading every order.
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE communities AS (
                (SELECT community FROM outreach.book_orders ORDER BY community LIMIT 1)
                UNION ALL
                SELECT (SELECT o.community FROM outreach.book_orders o WHERE o.community > c.community ORDER BY o.community LIMIT 1)
                FROM communities c WHERE c.community IS NOT NULL)
            SELECT community FROM communities WHERE community IS NOT NULL
            """);
        var communities = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            communities.Add(reader.GetString(0));
        }

        return communities;
    }

    private DateTimeOffset StuckBefore() => clock.GetUtcNow().AddDays(-options.CurrentValue.StuckAfterDays);

    private async Task<IReadOnlyList<OrderHistoryLine>> HistoryAsync(long orderId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT at, kind, from_status, to_status, seq, actor, note, note_code, note_args::text FROM outreach.book_order_events WHERE order_id = $1 ORDER BY id
            """);
        command.Parameters.AddWithValue(orderId);
        var lines = new List<OrderHistoryLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new OrderHistoryLine(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), NullableString(reader, 2), NullableString(reader, 3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), NullableString(reader, 5),
                StoredMessage.From(NullableString(reader, 6), NullableString(reader, 7), NullableString(reader, 8))));
        }

        return lines;
    }

    private async Task<IReadOnlyList<OrderNoticeLine>> NoticesAsync(long orderId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT kind, created_at, attempts, sent_at, given_up_at, last_error, last_error_code, last_error_args::text
            FROM outreach.book_order_notices WHERE order_id = $1 ORDER BY created_at
            """);
        command.Parameters.AddWithValue(orderId);
        var lines = new List<OrderNoticeLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new OrderNoticeLine(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                StoredMessage.From(NullableString(reader, 5), NullableString(reader, 6), NullableString(reader, 7))));
        }

        return lines;
    }

    private static async Task<List<OrderRow>> ReadRowsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<OrderRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRow(reader));
        }

        return rows;
    }

    private static OrderRow ReadRow(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
        StoredMessage.From(NullableString(reader, 3), NullableString(reader, 14), NullableString(reader, 15)), reader.GetString(4), reader.GetString(5),
        reader.GetInt32(6), reader.GetDecimal(7), reader.GetString(8), reader.GetString(9), reader.GetString(10), NullableString(reader, 11),
        reader.GetFieldValue<DateTimeOffset>(12), reader.GetFieldValue<DateTimeOffset>(13));

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    // Reasons, notes and errors come partly from the bookstore, relays and staff: personal data in them is masked for the pages.
    private static string? Scrubbed(NpgsqlDataReader reader, int ordinal) => TextScrubber.ScrubOrNull(NullableString(reader, ordinal));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
