using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Time;
using Outreach.Worker.Audit;
using Outreach.Worker.Metrics;
using Outreach.Worker.Metrics.Computing;
using Outreach.Worker.Metrics.Reading;
using Outreach.Worker.Metrics.Report;

namespace Outreach.Dashboard.Metrics;

/// <summary>
/// Staff downloads of a month's figures: /metrics/csv (UTF-8 with BOM, for Excel) and /metrics/report (a whole HTML
/// page that prints on A4, with the trend charts), and the stylesheet both the page and the report use.
/// </summary>
internal static class MetricsDownloads
{
    public const string CsvPath = "/metrics/csv";
    public const string ReportPath = "/metrics/report";
    public const string StylesheetPath = "/metrics/report.css";

    public const int TrendMonths = 12;

    public static IEndpointRouteBuilder MapMetricsDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(CsvPath, CsvAsync).RequireAuthorization(StaffPolicies.Staff);
        app.MapGet(ReportPath, ReportAsync).RequireAuthorization(StaffPolicies.Staff);
        app.MapGet(StylesheetPath, () => Results.Text(ReportStyle.Css, "text/css; charset=utf-8")).RequireAuthorization(StaffPolicies.Staff);
        return app;
    }

    // Both downloads are in the staff member's language (the request culture), like the page.
    private static async Task<IResult> CsvAsync(string? month, MetricsStore store, HttpContext http, AuditTrail audit, IStringLocalizer<ReportText> words,
        IStringLocalizer<MetricsText> text, CancellationToken cancellationToken)
    {
        if (await FindAsync(month, store, cancellationToken) is not { } report)
        {
            return NotComputed(month, text);
        }

        await RecordAsync(audit, http, report, "csv", cancellationToken);
        return Results.File(ReportCsv.Write(report, words), ReportCsv.ContentType, ReportCsv.FileName(report.Month));
    }

    private static async Task<IResult> ReportAsync(string? month, string? chart, MetricsStore store, IOptionsMonitor<MetricsOptions> options,
        LibraryCalendar library, HttpContext http, AuditTrail audit, IStringLocalizer<ReportText> words, IStringLocalizer<MetricsText> text,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(month, store, cancellationToken) is not { } report)
        {
            return NotComputed(month, text);
        }

        await RecordAsync(audit, http, report, "report", cancellationToken);

        var column = ChartColumn(report, chart);
        var trends = await store.TrendsAsync(report.Month, column, TrendMonths, cancellationToken);
        var html = ReportHtml.Document(report, options.CurrentValue.LibraryName, library.Zone, trends, StylesheetPath, words);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    // Figures per community carry no personal data, but what leaves the hub, and with whom, is on the record.
    private static Task<long> RecordAsync(AuditTrail audit, HttpContext http, MonthlyReport report, string format, CancellationToken cancellationToken) =>
        audit.AppendAsync(http.AuditActor(), new AuditEntry(AuditActions.MetricsExported, "metrics:" + report.Month,
            new Dictionary<string, string> { ["format"] = format }), cancellationToken);

    /// <summary>The column whose trends to chart: a community of the report, or all communities.</summary>
    public static string ChartColumn(MonthlyReport report, string? chart) =>
        report.Columns.FirstOrDefault(c => !c.IsAll && string.Equals(c.Code, chart, StringComparison.OrdinalIgnoreCase))?.Code ?? FigureSheet.AllCommunities;

    private static async Task<MonthlyReport?> FindAsync(string? month, MetricsStore store, CancellationToken cancellationToken) =>
        ReportMonth.TryParse(month, out var parsed) ? await store.ReportAsync(parsed, cancellationToken) : null;

    private static IResult NotComputed(string? month, IStringLocalizer<MetricsText> text) => Results.Text(
        ReportMonth.TryParse(month, out var parsed) ? text["NotComputedDownload", parsed.ToString()] : text["NameAMonth"],
        "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
