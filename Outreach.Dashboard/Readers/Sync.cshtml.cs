using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Communities;
using Outreach.Worker.Readers.Board;
using Outreach.Worker.Readers.Sync;
using Outreach.Worker.Storage;

namespace Outreach.Dashboard.Readers;

/// <summary>Roster sync runs per community; a refused roster can be approved here; card statuses still owed.</summary>
public sealed class SyncModel(ReaderBoard registry, SyncApprovals approvals, IOptionsMonitor<CommunityCatalogOptions> communities, LibraryTime time)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Community { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, Paging.MaxPage, ErrorMessage = QueryValidation.PageNumberRange)]
    public int PageNumber { get; set; } = 1;

    /// <summary>Shows this run's warnings.</summary>
    [BindProperty(SupportsGet = true)]
    [Range(1, long.MaxValue, ErrorMessage = "RunNumber")]
    public long? Run { get; set; }

    public IReadOnlyList<SyncRunView> Runs { get; private set; } = [];

    public IReadOnlyList<SyncWarningView> Warnings { get; private set; } = [];

    public IReadOnlyList<CardStatusView> PendingCards { get; private set; } = [];

    public IReadOnlyList<CommunityEntry> Communities { get; private set; } = [];

    /// <summary>A rotation of the ID-number hash key in progress, with how many hashes the old key still made.</summary>
    public HashKeyRotationView? Rotation { get; private set; }

    public LibraryTime Time => time;

    public bool CanOperate => User.CanOperate();

    /// <summary>The key (in ReadersText) of what the last approval did, and the run it was about.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>The run number as written (TempData keeps strings, not longs).</summary>
    [TempData]
    public string? NoticeRun { get; set; }

    /// <summary>A sync run's counts, one column each, in this order.</summary>
    public static IReadOnlyList<string> CountColumns { get; } =
        ["read", "applied", "unchanged", "quarantined", "withdrawn", "cards_issued", "moved", "warnings"];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Communities = communities.CurrentValue.Communities.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var community = Communities.FirstOrDefault(c => string.Equals(c.Code, Community, StringComparison.OrdinalIgnoreCase))?.Code;
        Runs = await registry.SyncRunsAsync(community, Math.Max(1, PageNumber), cancellationToken);
        PendingCards = await registry.PendingCardStatusAsync(cancellationToken);
        Rotation = await registry.HashKeyRotationAsync(cancellationToken);
        if (Run is { } runId)
        {
            Warnings = await registry.WarningsAsync(runId, cancellationToken);
        }
    }

    /// <summary>Operators only: lets the next run of that community withdraw what the refused roster would have.</summary>
    public async Task<IActionResult> OnPostApproveAsync(long run, CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        Notice = await approvals.ApproveAsync(run, HttpContext.AuditActor(), cancellationToken) ? "RunApproved" : "NotRefusedRun";
        NoticeRun = run.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return RedirectToPage(new { Community });
    }

    public static string Count(SyncRunView run, string key) => run.Counts.TryGetValue(key, out var value) ? value.ToString("N0", System.Globalization.CultureInfo.CurrentCulture) : "";
}
