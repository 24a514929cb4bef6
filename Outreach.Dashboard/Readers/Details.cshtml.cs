using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Audit;
using Outreach.Worker.Desk;
using Outreach.Worker.Digests.Consent;
using Outreach.Worker.Readers.Board;

namespace Outreach.Dashboard.Readers;

/// <summary>
/// One reader's record for the service desk, everything personal masked: the record, its timeline with the run behind
/// each item, and the actions the staff member's role allows. Each view and each action is on the audit trail.
/// </summary>
public sealed class ReaderDetailsModel(ReaderBoard registry, MailConsents consents, ReaderTimelineBoard timeline, ReaderDeskActions desk,
    AuditTrail audit, LibraryTime time) : PageModel
{
    public ReaderDetail Detail { get; private set; } = null!;

    public IReadOnlyList<ConsentRecord> Consents { get; private set; } = [];

    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];

    public LibraryTime Time => time;

    public bool CanOperate => User.CanOperate();

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public bool NoticeDone { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await registry.DetailAsync(id, cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Detail = detail;
        Consents = await consents.OfReaderAsync(id, cancellationToken);
        Timeline = await timeline.TimelineAsync(id, cancellationToken);
        await audit.AppendAsync(HttpContext.AuditActor(), new AuditEntry(AuditActions.ReaderViewed, AuditEntry.Reader(id)), cancellationToken);
        return Page();
    }

    /// <summary>Operators only (a viewer's POST is refused though the page shows a viewer no button); then back to the record.</summary>
    public async Task<IActionResult> OnPostResendNoticeAsync(long id, string? orderRef, string? kind, CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(orderRef) || string.IsNullOrWhiteSpace(kind))
        {
            return BadRequest("Name the order and the notice to send again.");
        }

        var result = await desk.ResendNoticeAsync(id, orderRef, kind, HttpContext.AuditActor(), cancellationToken);
        (Notice, NoticeDone) = (result.Message, result.Done);
        return RedirectToPage(new { id });
    }
}
