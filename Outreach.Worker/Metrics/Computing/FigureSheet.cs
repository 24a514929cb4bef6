using System.Globalization;
using Npgsql;
using Outreach.Integrations.Time;

namespace Outreach.Worker.Metrics.Computing;

/// <summary>
/// The figures of one month as the sources produce them: a value per community (<see cref="FigureSheet.AllCommunities"/>
/// for the whole town) and indicator, plus what each source read, for the record of where the figures came from.
/// </summary>
public sealed class FigureSheet(ReportMonth month, MonthPeriod period, IReadOnlyList<string> communities)
{
    /// <summary>The community key of the figures for all communities together.</summary>
    public const string AllCommunities = "*";

    private readonly Dictionary<(string Community, string Indicator), decimal?> _values = [];
    private readonly SortedDictionary<string, object?> _sources = new(StringComparer.Ordinal);

    public ReportMonth Month { get; } = month;

    public MonthPeriod Period { get; } = period;

    /// <summary>The configured communities, by code; data of other codes counts for all communities only.</summary>
    public IReadOnlyList<string> Communities { get; } = communities;

    public IReadOnlyDictionary<(string Community, string Indicator), decimal?> Values => _values;

    /// <summary>Counts and high-water marks of the data read, by source.</summary>
    public IReadOnlyDictionary<string, object?> Sources => _sources;

    /// <summary>Sets a value of a configured community or of all; other communities are ignored (their data is in the total).</summary>
    public void Set(string community, string indicator, decimal? value)
    {
        if (community == AllCommunities || Communities.Contains(community, StringComparer.Ordinal))
        {
            _values[(community, indicator)] = value;
        }
    }

    public decimal? Get(string community, string indicator) => _values.GetValueOrDefault((community, indicator));

    /// <summary>Sets <paramref name="indicator"/> to zero wherever no source row produced it (a month with no loans has 0 loans).</summary>
    public void DefaultToZero(string indicator)
    {
        foreach (var community in Communities.Append(AllCommunities))
        {
            _values.TryAdd((community, indicator), 0m);
        }
    }

    public void RecordSource(string name, object? value) => _sources[name] = value;

    /// <summary>
    /// Reads rows of (community, value, value...) whose first column is a community code, null meaning all communities
    /// (what GROUP BY ROLLUP gives the total row), into the given count indicators, which are zero where no row has them.
    /// </summary>
    public Task ReadCountsAsync(NpgsqlCommand command, IReadOnlyList<string> indicators, CancellationToken cancellationToken)
    {
        foreach (var indicator in indicators)
        {
            DefaultToZero(indicator);
        }

        return ReadRowsAsync(command, indicators, cancellationToken);
    }

    /// <summary>As <see cref="ReadCountsAsync"/>, for statistics such as a median, which stay empty where no row has them.</summary>
    public Task ReadStatisticsAsync(NpgsqlCommand command, IReadOnlyList<string> indicators, CancellationToken cancellationToken) =>
        ReadRowsAsync(command, indicators, cancellationToken);

    private async Task ReadRowsAsync(NpgsqlCommand command, IReadOnlyList<string> indicators, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var community = reader.IsDBNull(0) ? AllCommunities : reader.GetString(0);
            for (var i = 0; i < indicators.Count; i++)
            {
                Set(community, indicators[i], reader.IsDBNull(i + 1) ? null : Convert.ToDecimal(reader.GetValue(i + 1), CultureInfo.InvariantCulture));
            }
        }
    }
}
