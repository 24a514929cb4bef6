using Microsoft.Extensions.Localization;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Hangfire;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Time;
using Outreach.Worker.Communities;
using Outreach.Worker.Digests.Sending;
using Outreach.Worker.Digests.Staff;
using Outreach.Worker.Jobs;

namespace Outreach.Dashboard.Digests;

/// <summary>Digests per ISO week and community, with their delivery figures and progress; operators start one.</summary>
public sealed class DigestsModel(IStringLocalizer<DigestsText> text, DigestBoard board, JobCatalog catalog, IBackgroundJobClient jobs, IOptionsMonitor<CommunityCatalogOptions> communities,
    LibraryCalendar calendar, LibraryTime time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Week { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Community { get; set; }

    public IReadOnlyList<DigestSummary> Digests { get; private set; } = [];

    public IReadOnlyList<string> Communities => communities.CurrentValue.Communities.Keys.Order(StringComparer.Ordinal).ToList();

    public string ThisWeek => calendar.ThisWeek.ToString();

    public LibraryTime Time => time;

    public bool CanOperate => User.CanOperate();

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Digests = await board.ListAsync(Week, Community, 200, cancellationToken);

    /// <summary>Operators: put a digest on the mail queue (a second run of a sent digest sends nobody a second copy).</summary>
    public async Task<IActionResult> OnPostSendAsync(string community, string? week, CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
            return Forbid();
        if (string.IsNullOrWhiteSpace(community))
            return BadRequest(text["ChooseCommunity"].Value);
        if (!string.IsNullOrWhiteSpace(week) && !IsoWeek.TryParse(week, out _))
        {
            Error = text["NotIsoWeek", week, ThisWeek];
            await OnGetAsync(cancellationToken);
            return Page();
        }

        var arguments = new Dictionary<string, string> { ["community"] = community };
        if (!string.IsNullOrWhiteSpace(week))
            arguments["week"] = week.Trim().ToUpperInvariant();
        var id = catalog.Get(DigestRun.JobName).Enqueue(jobs, new JobArguments(arguments));
        return Redirect("~" + HangfireDashboard.JobDetails(id));
    }
}
