using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Outreach.Integrations.Time;
using Outreach.Worker.Metrics.Reading;

namespace Outreach.Worker.Metrics.Report;

/// <summary>
/// The figures as HTML: the table (indicators by community, each value with its change against the month before and
/// the same month last year), used by the staff page, the printable report and the mailed report alike.
/// </summary>
public static class ReportHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);

    /// <summary>The table of a month's figures.</summary>
    public static string Table(MonthlyReport report)
    {
        var html = new StringBuilder();
        html.Append("<div class=\"metrics-scroll\"><table class=\"metrics\"><thead><tr><th class=\"indicator\">Indicator 指标</th>");
        foreach (var column in report.Columns)
        {
            html.Append("<th>").Append(Encode(column.IsAll ? column.Name : $"{column.Code} {column.Name}")).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        string? group = null;
        foreach (var indicator in report.Indicators)
        {
            if (indicator.Group != group)
            {
                group = indicator.Group;
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"group\"><th colspan=\"{report.Columns.Count + 1}\">{Encode(group)}</th></tr>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<tr data-indicator=\"{Encode(indicator.Key)}\"><th class=\"indicator\">{Encode(indicator.Title)}")
                .Append(CultureInfo.InvariantCulture, $"<span class=\"zh\">{Encode(indicator.ChineseTitle)}</span>")
                .Append(CultureInfo.InvariantCulture, $"<span class=\"standard\">{Encode(indicator.Standard)}</span></th>");
            foreach (var column in report.Columns)
            {
                var figure = report.Get(column.Code, indicator.Key);
                html.Append(column.IsAll ? "<td class=\"all\">" : "<td>")
                    .Append(CultureInfo.InvariantCulture, $"<span class=\"value\">{Encode(FigureFormat.Value(figure.Value, indicator.Unit))}</span>")
                    .Append(CultureInfo.InvariantCulture, $"<span class=\"change\" title=\"vs {report.Month.Previous}\">m/m {Encode(FigureFormat.Change(figure.Value, figure.PreviousMonth, indicator.Unit))}</span>")
                    .Append(CultureInfo.InvariantCulture, $"<span class=\"change\" title=\"vs {report.Month.SameMonthLastYear}\">y/y {Encode(FigureFormat.Change(figure.Value, figure.SameMonthLastYear, indicator.Unit))}</span>")
                    .Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    /// <summary>
    /// The report as a whole page that prints well on A4: heading, what the figures were computed from, the table and,
    /// when given, the trend charts. The style is inlined for mail (<paramref name="stylesheetHref"/> null) or linked.
    /// </summary>
    public static string Document(MonthlyReport report, string libraryName, TimeZoneInfo zone, IReadOnlyList<TrendSeries>? trends,
        string? stylesheetHref, string? dashboardLink = null)
    {
        var month = report.Month;
        var title = $"{libraryName} 社会服务成效月报 {month.Year}年{month.Month}月 · Monthly service-effectiveness report {month}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"/>")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
            .Append("<title>").Append(Encode(title)).Append("</title>");
        html.Append(stylesheetHref is null
            ? $"<style>{ReportStyle.Css}</style>"
            : $"<link rel=\"stylesheet\" href=\"{Encode(stylesheetHref)}\"/>");
        html.Append("</head><body><div class=\"metrics-report\">");
        html.Append("<h1>").Append(Encode(title)).Append("</h1>");
        html.Append("<p class=\"muted\">")
            .Append(Encode(string.Create(CultureInfo.InvariantCulture,
                $"Calendar month {month.FirstDay:yyyy-MM-dd} to {month.LastDay:yyyy-MM-dd}, {zone.Id} time. Computed {LibraryCalendar.Local(report.Record.ComputedAt, zone):yyyy-MM-dd HH:mm} by run {report.Record.RunId}")))
            .Append(report.Record.Computations > 1 ? Encode(string.Create(CultureInfo.InvariantCulture, $" (computation {report.Record.Computations} of this month)")) : "")
            .Append(". ")
            .Append(Encode(Comparisons(report)))
            .Append("</p>");
        if (dashboardLink is not null)
        {
            html.Append("<p><a href=\"").Append(Encode(dashboardLink)).Append("\">").Append(Encode("Trend charts and downloads on the dashboard 查看趋势图")).Append("</a></p>");
        }

        html.Append(Table(report));
        if (trends is { Count: > 0 })
        {
            html.Append("<h2>").Append(Encode($"Trends, last {trends[0].Points.Count} months · {trends[0].Column.Name}")).Append("</h2><div class=\"trends\">");
            foreach (var series in trends)
            {
                html.Append(TrendChart.Svg(series));
            }

            html.Append("</div>");
        }

        html.Append("<p class=\"muted\">")
            .Append(Encode("Indicators follow ISO 2789 (GB/T 13191, library statistics) and ISO 11620 (GB/T 29182, performance indicators); " +
                "each one's formula and source data are defined in the hub's metrics documentation. m/m: change against the month before; y/y: against the same month a year before."))
            .Append("</p></div></body></html>");
        return html.ToString();
    }

    private static string Comparisons(MonthlyReport report) =>
        (report.PreviousMonthComputed ? "" : $"{report.Month.Previous} has not been computed, so there is no m/m change. ")
        + (report.SameMonthLastYearComputed ? "" : $"{report.Month.SameMonthLastYear} has not been computed, so there is no y/y change.");
}
