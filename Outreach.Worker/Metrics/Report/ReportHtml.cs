using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using Outreach.Integrations.Time;
using Outreach.Worker.Metrics.Reading;

namespace Outreach.Worker.Metrics.Report;

/// <summary>
/// The figures as HTML: the table (indicators by community, each value with its change against the month before and
/// the same month last year), used by the staff page, the printable report and the mailed report alike, in the words
/// of the report (ReportText) in the current UI culture.
/// </summary>
public static class ReportHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);

    /// <summary>The table of a month's figures.</summary>
    public static string Table(MonthlyReport report, IStringLocalizer text)
    {
        var html = new StringBuilder();
        html.Append("<div class=\"metrics-scroll\"><table class=\"metrics\"><thead><tr><th class=\"indicator\">").Append(Encode(text["IndicatorHeader"])).Append("</th>");
        foreach (var column in report.Columns)
        {
            // A community's name is data (the community system's own), in whichever language the page is.
            html.Append(column.IsAll ? "<th>" : "<th data-data>").Append(Encode(text.ColumnOf(column))).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        string? group = null;
        var monthOnMonth = Encode(text["MonthOnMonth"]);
        var yearOnYear = Encode(text["YearOnYear"]);
        var againstPrevious = Encode(text["Against", report.Month.Previous.ToString()]);
        var againstLastYear = Encode(text["Against", report.Month.SameMonthLastYear.ToString()]);
        foreach (var indicator in report.Indicators)
        {
            if (indicator.Group != group)
            {
                group = indicator.Group;
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"group\"><th colspan=\"{report.Columns.Count + 1}\">{Encode(text.GroupOf(group))}</th></tr>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<tr data-indicator=\"{Encode(indicator.Key)}\"><th class=\"indicator\">{Encode(ReportWords.TitleOf(indicator))}")
                .Append(CultureInfo.InvariantCulture, $"<span class=\"standard\">{Encode(text.StandardOf(indicator))}</span></th>");
            foreach (var column in report.Columns)
            {
                var figure = report.Get(column.Code, indicator.Key);
                html.Append(column.IsAll ? "<td class=\"all\">" : "<td>")
                    .Append(CultureInfo.InvariantCulture, $"<span class=\"value\">{Encode(FigureFormat.Value(figure.Value, indicator.Unit, text))}</span>")
                    .Append(CultureInfo.InvariantCulture, $"<span class=\"change\" title=\"{againstPrevious}\">{monthOnMonth} {Encode(FigureFormat.Change(figure.Value, figure.PreviousMonth, indicator.Unit, text))}</span>")
                    .Append(CultureInfo.InvariantCulture, $"<span class=\"change\" title=\"{againstLastYear}\">{yearOnYear} {Encode(FigureFormat.Change(figure.Value, figure.SameMonthLastYear, indicator.Unit, text))}</span>")
                    .Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    /// <summary>The report's title: "浙江…图书馆 社会服务成效月报 2026年10月".</summary>
    public static string Title(MonthlyReport report, string libraryName, IStringLocalizer text) => text["Title", libraryName, text.MonthOf(report.Month)];

    /// <summary>
    /// The report as a whole page that prints well on A4: heading, what the figures were computed from, the table and,
    /// when given, the trend charts. The style is inlined for mail (<paramref name="stylesheetHref"/> null) or linked.
    /// </summary>
    public static string Document(MonthlyReport report, string libraryName, TimeZoneInfo zone, IReadOnlyList<TrendSeries>? trends,
        string? stylesheetHref, IStringLocalizer text, string? dashboardLink = null)
    {
        var month = report.Month;
        var title = Title(report, libraryName, text);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{CultureInfo.CurrentUICulture.Name}\"><head><meta charset=\"utf-8\"/>")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
            .Append("<title>").Append(Encode(title)).Append("</title>");
        html.Append(stylesheetHref is null
            ? $"<style>{ReportStyle.Css}</style>"
            : $"<link rel=\"stylesheet\" href=\"{Encode(stylesheetHref)}\"/>");
        html.Append("</head><body><div class=\"metrics-report\">");
        html.Append("<h1>").Append(Encode(title)).Append("</h1>");
        var computedAt = LibraryCalendar.Local(report.Record.ComputedAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        html.Append("<p class=\"muted\">")
            .Append(Encode(text["Period", month.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                month.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), zone.Id, computedAt, report.Record.RunId,
                report.Record.Computations > 1 ? text["Computation", report.Record.Computations].Value : ""]))
            .Append(' ')
            .Append(Encode(Comparisons(report, text)))
            .Append("</p>");
        if (dashboardLink is not null)
        {
            html.Append("<p><a href=\"").Append(Encode(dashboardLink)).Append("\">").Append(Encode(text["DashboardLink"])).Append("</a></p>");
        }

        html.Append(Table(report, text));
        if (trends is { Count: > 0 })
        {
            html.Append("<h2>").Append(Encode(text["Trends", trends[0].Points.Count, text.NameOf(trends[0].Column)])).Append("</h2><div class=\"trends\">");
            foreach (var series in trends)
            {
                html.Append(TrendChart.Svg(series, text));
            }

            html.Append("</div>");
        }

        html.Append("<p class=\"muted\">").Append(Encode(text["Footnote"])).Append("</p></div></body></html>");
        return html.ToString();
    }

    private static string Comparisons(MonthlyReport report, IStringLocalizer text) => string.Join(" ", new[]
    {
        report.PreviousMonthComputed ? null : text["NoPrevious", report.Month.Previous.ToString()].Value,
        report.SameMonthLastYearComputed ? null : text["NoLastYear", report.Month.SameMonthLastYear.ToString()].Value,
    }.OfType<string>());
}
