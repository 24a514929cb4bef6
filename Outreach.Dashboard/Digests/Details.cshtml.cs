using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hangfire;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Digests.Sending;
using Outreach.Worker.Digests.Staff;

namespace Outreach.Dashboard.Digests;

/// <summary>One digest: its figures, and the deliveries that need a look (stuck in sending, refused, bounced), addresses masked.</summary>
public sealed class DigestDetailsModel(DigestBoard board, DeliveryLedger ledger, LibraryTime time) : PageModel
{
    public DigestSummary? Digest { get; private set; }

    public IReadOnlyList<DeliveryIssue> Issues { get; private set; } = [];

    public LibraryTime Time => time;

    public bool CanOperate => User.CanOperate();

    public string? Notice { get; private set; }

    public static string JobLink(string id) => HangfireDashboard.JobDetails(id);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Digest = await board.FindAsync(id, cancellationToken);
        if (Digest is null)
            return NotFound();
        Issues = await board.IssuesAsync(id, 500, cancellationToken);
        return Page();
    }

    /// <summary>Operators decide about a copy caught by a crash: the relay's log shows it arrived (sent), or it did not (send again).</summary>
    public async Task<IActionResult> OnPostResolveAsync(long id, long reader, bool resend, CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
            return Forbid();
        var done = await ledger.ResolveStuckAsync(id, reader, resend, HttpContext.AuditActor(), cancellationToken);
        var result = await OnGetAsync(id, cancellationToken);
        Notice = done
            ? resend ? "Released" : "RecordedSent"
            : "NothingChanged";
        return result;
    }
}
