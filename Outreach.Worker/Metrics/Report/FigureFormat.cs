using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Outreach.Worker.Metrics.Report;

/// <summary>
/// How values and changes read on the page, in the report and the mail: grouped thousands and a decimal point (as both
/// staff languages write them), with the unit words of <see cref="ReportText"/> when given (English abbreviations otherwise).
/// </summary>
public static class FigureFormat
{
    public const string Missing = "—";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Value(decimal? value, IndicatorUnit unit, IStringLocalizer? text = null) => value is not { } v ? Missing : unit switch
    {
        IndicatorUnit.Count => v.ToString("N0", Invariant),
        IndicatorUnit.Share => (v * 100).ToString("0.0", Invariant) + "%",
        IndicatorUnit.PerCapita => v.ToString("0.00", Invariant),
        IndicatorUnit.PerThousand => v.ToString("0.0", Invariant),
        IndicatorUnit.Days => v.ToString("0.#", Invariant) + " " + Days(text),
        IndicatorUnit.Yuan => "¥" + v.ToString("N2", Invariant),
        _ => v.ToString(Invariant),
    };

    /// <summary>
    /// The change from <paramref name="other"/> to <paramref name="value"/>: shares in percentage points, days in days,
    /// everything else in its unit and, when the earlier value is not zero, in per cent.
    /// </summary>
    public static string Change(decimal? value, decimal? other, IndicatorUnit unit, IStringLocalizer? text = null)
    {
        if (value is not { } v || other is not { } o)
        {
            return Missing;
        }

        var change = v - o;
        var sign = change > 0 ? "+" : change < 0 ? "−" : "±";
        var size = Math.Abs(change);
        return unit switch
        {
            IndicatorUnit.Share => sign + (size * 100).ToString("0.0", Invariant) + " " + (text?["Unit.Points"].Value ?? "pp"),
            IndicatorUnit.Days => sign + size.ToString("0.#", Invariant) + " " + Days(text),
            _ => sign + Value(size, unit, text) + (o != 0 ? $" ({sign}{(size / Math.Abs(o) * 100).ToString("0.0", Invariant)}%)" : ""),
        };
    }

    private static string Days(IStringLocalizer? text) => text?["Unit.Days"].Value ?? "d";

    /// <summary>A plain number for CSV and machines: no grouping, a point for decimals, empty when missing.</summary>
    public static string Plain(decimal? value) => value?.ToString("0.##########", Invariant) ?? "";
}
