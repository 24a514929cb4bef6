using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Outreach.Worker.Metrics.Reading;

namespace Outreach.Worker.Metrics.Report;

/// <summary>
/// A line chart of one indicator over the months, as inline SVG made on the server: no script, no style attributes
/// (the pages' content security policy allows neither), no outside resources, so it shows offline and prints.
/// A month not computed leaves a gap in the line.
/// </summary>
public static class TrendChart
{
    private const int Width = 360;
    private const int Height = 180;
    private const int Left = 52;
    private const int Right = 12;
    private const int Top = 28;
    private const int Bottom = 34;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The chart of <paramref name="series"/>, titled and labelled in the words of <paramref name="text"/>.</summary>
    public static string Svg(TrendSeries series, IStringLocalizer text)
    {
        var indicatorTitle = ReportWords.TitleOf(series.Indicator);
        var title = $"{indicatorTitle} · {text.NameOf(series.Column)}";
        var values = series.Points.Select(p => p.Value).ToList();
        var max = NiceCeiling(values.OfType<decimal>().DefaultIfEmpty(0).Max());
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var step = series.Points.Count > 1 ? (double)plotWidth / (series.Points.Count - 1) : 0;
        double X(int index) => Left + index * step;
        double Y(decimal value) => Top + plotHeight - (double)(max == 0 ? 0 : value / max) * plotHeight;

        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{ReportHtml.Encode(title)}\">");
        svg.Append(Invariant, $"<title>{ReportHtml.Encode(title)}</title>");
        svg.Append(Invariant, $"<text x=\"{Left}\" y=\"16\" font-size=\"13\" font-weight=\"600\" fill=\"#1f2933\">{ReportHtml.Encode(indicatorTitle)}</text>");

        // Gridlines at 0, half and the top of the scale, labelled in the indicator's unit.
        foreach (var fraction in new[] { 0m, 0.5m, 1m })
        {
            var y = Y(max * fraction);
            svg.Append(Invariant, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#d9e2ec\" stroke-width=\"1\"/>");
            svg.Append(Invariant, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" font-size=\"10\" text-anchor=\"end\" fill=\"#616e7c\">{ReportHtml.Encode(Axis(max * fraction, series.Indicator.Unit, text))}</text>");
        }

        // Months under the axis, the year under the first month and under each January.
        for (var i = 0; i < series.Points.Count; i++)
        {
            var month = series.Points[i].Month;
            svg.Append(Invariant, $"<text x=\"{X(i):0.#}\" y=\"{Height - 18}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#616e7c\">{month.Month:00}</text>");
            if (i == 0 || month.Month == 1)
            {
                svg.Append(Invariant, $"<text x=\"{X(i):0.#}\" y=\"{Height - 4}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#616e7c\">{month.Year}</text>");
            }
        }

        foreach (var segment in Segments(values))
        {
            var points = string.Join(' ', segment.Select(i => string.Create(Invariant, $"{X(i):0.#},{Y(values[i]!.Value):0.#}")));
            svg.Append(Invariant, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"#0b6e99\" stroke-width=\"2\"/>");
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } value)
            {
                var tip = $"{series.Points[i].Month}: {FigureFormat.Value(value, series.Indicator.Unit, text)}";
                svg.Append(Invariant, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(value):0.#}\" r=\"3\" fill=\"#0b6e99\"><title>{ReportHtml.Encode(tip)}</title></circle>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    // Runs of consecutive months with a value.
    private static IEnumerable<List<int>> Segments(List<decimal?> values)
    {
        var run = new List<int>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                if (run.Count > 0)
                {
                    yield return run;
                }

                run = [];
                continue;
            }

            run.Add(i);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>The smallest of 1, 2 or 5 times a power of ten at or above the value (0 stays 0).</summary>
    public static decimal NiceCeiling(decimal value)
    {
        if (value <= 0)
        {
            return 0;
        }

        var power = 1m;
        while (power * 10 <= value)
        {
            power *= 10;
        }

        while (power > value && power > 0.0001m)
        {
            power /= 10;
        }

        foreach (var multiple in new[] { 1m, 2m, 5m, 10m })
        {
            if (power * multiple >= value)
            {
                return power * multiple;
            }
        }

        return power * 10;
    }

    private static string Axis(decimal value, IndicatorUnit unit, IStringLocalizer text) => unit switch
    {
        IndicatorUnit.Count when value >= 10_000 => (value / 1000).ToString("0.#", Invariant) + "k",
        IndicatorUnit.Count => value.ToString("0", Invariant),
        _ => FigureFormat.Value(value, unit, text),
    };
}
