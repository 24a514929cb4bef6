using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Time;
using Outreach.Worker.Jobs;
using Outreach.Worker.Metrics;
using Outreach.Worker.Metrics.Reading;

namespace Outreach.Dashboard.Metrics;

/// <summary>The monthly figures: pick a month, read the table per community, the trends of the last 12 months, download or print.</summary>
public sealed class MetricsModel(MetricsStore store, MonthlyMetrics metrics, JobCatalog jobs, IBackgroundJobClient client, LibraryTime time,
    IStringLocalizer<MetricsText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    /// <summary>The community whose trends are charted; all communities when empty.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Chart { get; set; }

    public ReportMonth Selected { get; private set; }

    public IReadOnlyList<ComputedMonthRecord> Months { get; private set; } = [];

    public MonthlyReport? Report { get; private set; }

    public IReadOnlyList<TrendSeries> Trends { get; private set; } = [];

    public string ChartColumn { get; private set; } = "";

    public LibraryTime Time => time;

    public bool CanOperate => User.CanOperate();

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Months = await store.MonthsAsync(cancellationToken);
        Selected = ReportMonth.TryParse(Month, out var chosen) ? chosen : Months.Count > 0 ? Months[0].Month : metrics.DefaultMonth();
        Report = await store.ReportAsync(Selected, cancellationToken);
        if (Report is not null)
        {
            ChartColumn = MetricsDownloads.ChartColumn(Report, Chart);
            Trends = await store.TrendsAsync(Selected, ChartColumn, MetricsDownloads.TrendMonths, cancellationToken);
        }
    }

    /// <summary>Operators only: puts the metrics job for the month on its queue (it replaces that month's figures).</summary>
    public IActionResult OnPostCompute(string? month)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        if (!ReportMonth.TryParse(month, out var chosen) || chosen > metrics.DefaultMonth())
        {
            Notice = text["NotAMonth", month ?? "", metrics.DefaultMonth().ToString()];
            return RedirectToPage(new { Month = month });
        }

        var jobId = jobs.Get(MonthlyMetrics.JobName).Enqueue(client, new JobArguments(new Dictionary<string, string> { ["month"] = chosen.ToString() }));
        Notice = text["BeingComputed", chosen.ToString(), jobId];
        return RedirectToPage(new { Month = chosen.ToString() });
    }

    /// <summary>The record of what a computation read, as its key and value (null when the source had nothing).</summary>
    public static IEnumerable<(string Name, string? Value)> Sources(ComputedMonthRecord record) =>
        record.Sources.ValueKind == JsonValueKind.Object
            ? record.Sources.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ToString()))
            : [];
}
