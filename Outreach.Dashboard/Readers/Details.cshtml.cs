using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
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
    AuditTrail audit, LibraryTime time, IStringLocalizer<ReadersText> text) : PageModel
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

    /// <summary>The page handler (and the button's text key) of a timeline action.</summary>
    public static string Handler(string actionCode) => actionCode switch
    {
        TimelineAction.ResendNotice => "ResendNotice",
        TimelineAction.PushCardStatus => "PushCardStatus",
        TimelineAction.MarkAddressBad => "MarkAddressBad",
        TimelineAction.ReleaseDigestCopy => "ReleaseDigestCopy",
        _ => throw new ArgumentOutOfRangeException(nameof(actionCode), actionCode, "No desk action has this code."),
    };

    public Task<IActionResult> OnPostResendNoticeAsync(long id, string? target, string? kind, string? confirm, CancellationToken cancellationToken) =>
        ActAsync(id, TimelineAction.ResendNotice, confirm, string.IsNullOrWhiteSpace(target) || string.IsNullOrWhiteSpace(kind)
            ? null
            : () => desk.ResendNoticeAsync(id, target, kind, HttpContext.AuditActor(), cancellationToken));

    // target: the outbox entry the page showed; kind: TimelineAction.Sent when the community had accepted it.
    public Task<IActionResult> OnPostPushCardStatusAsync(long id, long? target, string? kind, string? confirm, CancellationToken cancellationToken) =>
        ActAsync(id, TimelineAction.PushCardStatus, confirm, target is not { } entry
            ? null
            : () => desk.PushCardStatusAgainAsync(id, entry, kind == TimelineAction.Sent, HttpContext.AuditActor(), cancellationToken));

    public Task<IActionResult> OnPostMarkAddressBadAsync(long id, string? confirm, CancellationToken cancellationToken) =>
        ActAsync(id, TimelineAction.MarkAddressBad, confirm, () => desk.MarkAddressBadAsync(id, HttpContext.AuditActor(), cancellationToken));

    // target: the digest whose copy is stuck.
    public Task<IActionResult> OnPostReleaseDigestCopyAsync(long id, long? target, string? confirm, CancellationToken cancellationToken) =>
        ActAsync(id, TimelineAction.ReleaseDigestCopy, confirm, target is not { } digest
            ? null
            : () => desk.ReleaseDigestCopyAsync(id, digest, HttpContext.AuditActor(), cancellationToken));

    /// <summary>
    /// Operators only (a viewer's POST is refused though the page shows a viewer no button); nothing without the tick beside
    /// the button; then back to the record with what was done.
    /// </summary>
    private async Task<IActionResult> ActAsync(long id, string code, string? confirm, Func<Task<DeskActionResult>>? act)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        if (act is null)
        {
            return BadRequest("Name what the action is for (the timeline item's target).");
        }

        if (confirm != "yes")
        {
            (Notice, NoticeDone) = (text["ConfirmFirst"], false);
            return RedirectToPage(new { id });
        }

        var result = await act();
        (Notice, NoticeDone) = (text[$"Desk.{code}.{(result.Done ? "Done" : "Unchanged")}", result.HangfireJobId ?? ""], result.Done);
        return RedirectToPage(new { id });
    }
}
