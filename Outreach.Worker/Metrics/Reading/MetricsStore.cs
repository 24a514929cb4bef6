using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Time;
using Outreach.Worker.Communities;
using Outreach.Worker.Metrics.Computing;

namespace Outreach.Worker.Metrics.Reading;

/// <summary>Reads the stored figures: the computed months, a month's report with its changes, the trends of the main indicators.</summary>
public sealed class MetricsStore(NpgsqlDataSource dataSource, IOptionsMonitor<CommunityCatalogOptions> communities) : IComputedMonths
{
    public const string AllCommunitiesName = "全部社区 All communities";

    /// <summary>Computed months, newest first.</summary>
    public async Task<IReadOnlyList<ComputedMonthRecord>> MonthsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{SelectMonths} ORDER BY month DESC");
        return await ReadMonthsAsync(command, cancellationToken);
    }

    public async Task<ComputedMonthRecord?> MonthAsync(ReportMonth month, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{SelectMonths} WHERE month = $1");
        command.Parameters.AddWithValue(month.FirstDay);
        var months = await ReadMonthsAsync(command, cancellationToken);
        return months.Count > 0 ? months[0] : null;
    }

    /// <summary>The month's report, or null when the month has not been computed.</summary>
    public async Task<MonthlyReport?> ReportAsync(ReportMonth month, CancellationToken cancellationToken)
    {
        var record = await MonthAsync(month, cancellationToken);
        if (record is null)
        {
            return null;
        }

        ReportMonth[] months = [month, month.Previous, month.SameMonthLastYear];
        var values = await ValuesAsync(months, null, null, cancellationToken);
        var computed = values.Keys.Select(k => k.Month).ToHashSet();
        var columns = Columns(values.Keys.Where(k => k.Month == month).Select(k => k.Community));
        var indicators = values.Keys.Where(k => k.Month == month).Select(k => k.Indicator).Distinct(StringComparer.Ordinal)
            .Select(Indicators.Find).OfType<Indicator>()
            .OrderBy(i => Indicators.Order(i.Key)).ThenBy(i => i.Key, StringComparer.Ordinal)
            .ToList();
        return new MonthlyReport(record, computed.Contains(month.Previous), computed.Contains(month.SameMonthLastYear), columns, indicators, values);
    }

    /// <summary>The charted indicators of one column (a community code, or <see cref="FigureSheet.AllCommunities"/>) over <paramref name="months"/> months up to <paramref name="month"/>.</summary>
    public async Task<IReadOnlyList<TrendSeries>> TrendsAsync(ReportMonth month, string community, int months, CancellationToken cancellationToken)
    {
        var span = month.Trailing(months);
        var keys = Indicators.Charted.Select(i => i.Key).ToArray();
        var values = await ValuesAsync(span, keys, community, cancellationToken);
        var column = Columns([community]).First(c => c.Code == community);
        return Indicators.Charted
            .Select(indicator => new TrendSeries(indicator, column, span.Select(m => (m, values.GetValueOrDefault((m, community, indicator.Key)))).ToList()))
            .ToList();
    }

    /// <summary>The configured communities (and any other code found in the figures), by code, then all communities.</summary>
    public IReadOnlyList<ReportColumn> Columns(IEnumerable<string> stored)
    {
        var configured = communities.CurrentValue.Communities;
        return configured.Keys.Concat(stored)
            .Where(code => code != FigureSheet.AllCommunities && code.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(code => new ReportColumn(code, configured.TryGetValue(code, out var c) && c.Name.Length > 0 ? c.Name : code))
            .Append(new ReportColumn(FigureSheet.AllCommunities, AllCommunitiesName))
            .ToList();
    }

    private async Task<Dictionary<(ReportMonth Month, string Community, string Indicator), decimal?>> ValuesAsync(IReadOnlyList<ReportMonth> months,
        string[]? indicators, string? community, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT month, community, indicator, value FROM outreach.metric_values
            WHERE month = ANY ($1) AND ($2::text[] IS NULL OR indicator = ANY ($2)) AND ($3::text IS NULL OR community = $3)
            """);
        command.Parameters.AddWithValue(months.Select(m => m.FirstDay).ToArray());
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)indicators ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)community ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var values = new Dictionary<(ReportMonth, string, string), decimal?>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values[(ReportMonth.Of(reader.GetFieldValue<DateOnly>(0)), reader.GetString(1), reader.GetString(2))] =
                reader.IsDBNull(3) ? null : reader.GetDecimal(3);
        }

        return values;
    }

    private const string SelectMonths = """
        SELECT month, time_zone, period_start, period_end, computed_at, run_id, computations, fingerprint, sources::text
        FROM outreach.metric_months
        """;

    private static async Task<IReadOnlyList<ComputedMonthRecord>> ReadMonthsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var months = new List<ComputedMonthRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            months.Add(new ComputedMonthRecord(ReportMonth.Of(reader.GetFieldValue<DateOnly>(0)), reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetInt64(5), reader.GetInt32(6), reader.GetString(7), JsonSerializer.Deserialize<JsonElement>(reader.GetString(8))));
        }

        return months;
    }
}
