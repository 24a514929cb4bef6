using System.Text;
using Microsoft.Extensions.Localization;
using Outreach.Integrations.Time;
using Outreach.Worker.Metrics.Reading;

namespace Outreach.Worker.Metrics.Report;

/// <summary>
/// The month's figures as CSV, one row per community and indicator with its changes: UTF-8 with a byte-order mark,
/// so Excel on Chinese Windows opens the names right; plain numbers (point for decimals, no grouping). Headings, names
/// and groups are in the reader's language; the code, key and unit columns stay machine-readable in every language.
/// </summary>
public static class ReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    // Keys of the headings in ReportText ("Csv." + key), in column order.
    private static readonly string[] Header =
    [
        "month", "community", "community_name", "indicator", "indicator_name", "group", "unit", "value",
        "previous_month_value", "change_from_previous_month", "same_month_last_year_value", "change_from_same_month_last_year",
    ];

    public static string FileName(ReportMonth month) => $"outreach-metrics-{month}.csv";

    public static byte[] Write(MonthlyReport report, IStringLocalizer words)
    {
        var text = new StringBuilder();
        Line(text, [.. Header.Select(key => words["Csv." + key].Value)]);
        foreach (var column in report.Columns)
        {
            foreach (var indicator in report.Indicators)
            {
                var figure = report.Get(column.Code, indicator.Key);
                Line(text,
                [
                    report.Month.ToString(), column.IsAll ? "all" : column.Code, words.NameOf(column), indicator.Key, ReportWords.TitleOf(indicator),
                    words.GroupOf(indicator.Group),
                    indicator.Unit.ToString().ToLowerInvariant(), FigureFormat.Plain(figure.Value), FigureFormat.Plain(figure.PreviousMonth),
                    FigureFormat.Plain(figure.ChangeFromPreviousMonth), FigureFormat.Plain(figure.SameMonthLastYear),
                    FigureFormat.Plain(figure.ChangeFromSameMonthLastYear),
                ]);
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var field = fields[i];
            // Quoted when needed; text (not a number) starting with =, +, - or @ is prefixed so a spreadsheet never runs it as a formula.
            if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(field, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                field = "'" + field;
            }

            text.Append(field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field);
        }

        text.Append("\r\n");
    }
}
