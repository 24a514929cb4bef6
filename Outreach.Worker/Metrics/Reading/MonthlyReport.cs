using System.Text.Json;
using Outreach.Integrations.Time;
using Outreach.Worker.Metrics.Computing;

namespace Outreach.Worker.Metrics.Reading;

/// <summary>A computed month: when and by which run, over which period, from which data, how often.</summary>
public sealed record ComputedMonthRecord(ReportMonth Month, string TimeZone, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    DateTimeOffset ComputedAt, long RunId, int Computations, string Fingerprint, JsonElement Sources);

/// <summary>A column of the report: a community, or all communities together.</summary>
public sealed record ReportColumn(string Code, string Name)
{
    public bool IsAll => Code == FigureSheet.AllCommunities;
}

/// <summary>One figure with the same indicator's value the month before and the same month a year before (empty when not computed).</summary>
public sealed record Figure(decimal? Value, decimal? PreviousMonth, decimal? SameMonthLastYear)
{
    public static readonly Figure Empty = new(null, null, null);

    public decimal? ChangeFromPreviousMonth => Value - PreviousMonth;

    public decimal? ChangeFromSameMonthLastYear => Value - SameMonthLastYear;
}

/// <summary>A month's figures for every community and all together, each with its changes; what the page, CSV, report, mail and API show.</summary>
public sealed class MonthlyReport(ComputedMonthRecord record, bool previousComputed, bool lastYearComputed, IReadOnlyList<ReportColumn> columns,
    IReadOnlyList<Indicator> indicators, IReadOnlyDictionary<(ReportMonth Month, string Community, string Indicator), decimal?> values)
{
    public ReportMonth Month => Record.Month;

    public ComputedMonthRecord Record { get; } = record;

    public bool PreviousMonthComputed { get; } = previousComputed;

    public bool SameMonthLastYearComputed { get; } = lastYearComputed;

    /// <summary>The communities, by code, then all communities.</summary>
    public IReadOnlyList<ReportColumn> Columns { get; } = columns;

    /// <summary>The indicators of the month, in report order (spend lines included).</summary>
    public IReadOnlyList<Indicator> Indicators { get; } = indicators;

    public ReportColumn All => Columns[^1];

    public Figure Get(string community, string indicator) => new(
        values.GetValueOrDefault((Month, community, indicator)),
        values.GetValueOrDefault((Month.Previous, community, indicator)),
        values.GetValueOrDefault((Month.SameMonthLastYear, community, indicator)));
}

/// <summary>One indicator of one column over consecutive months, oldest first; a month not computed has no value.</summary>
public sealed record TrendSeries(Indicator Indicator, ReportColumn Column, IReadOnlyList<(ReportMonth Month, decimal? Value)> Points);
