using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Audit;
using Outreach.Worker.Privacy;

namespace Outreach.Dashboard.Privacy;

/// <summary>
/// Admins act on a resident's request under PIPL: find them by card or ID number (posted, so the number never lands in
/// an address or a log), give them the file of all the hub holds, erase them at once with a receipt, lift a suppression.
/// </summary>
[Authorize(Policy = StaffPolicies.Admin)]
public sealed class PrivacyModel(ResidentLookup lookup, PrivacyDesk desk, AuditTrail audit, LibraryTime time) : PageModel
{
    public const string NotFoundNotice = "No reader has this card number or ID number. A card number is ZB and ten characters; an ID number 18.";
    public const string ConfirmErasure = "Tick the box to confirm: the erasure cannot be undone.";
    public const string AlreadyErased = "This reader was erased before.";
    public const string Lifted = "The suppression is lifted: the community's next roster registers the resident again, as a new reader.";

    [BindProperty]
    [StringLength(64)]
    public string? Term { get; set; }

    public IReadOnlyList<ResidentMatch>? Matches { get; private set; }

    public IReadOnlyList<Suppression> Suppressions { get; private set; } = [];

    public LibraryTime Time => time;

    [TempData]
    public string? Notice { get; set; }

    public string? FindNotice { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Suppressions = await desk.SuppressionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostFindAsync(CancellationToken cancellationToken)
    {
        Matches = ModelState.IsValid && !string.IsNullOrWhiteSpace(Term) ? await lookup.FindAsync(Term, cancellationToken) : [];
        if (Matches.Count == 0)
        {
            FindNotice = NotFoundNotice;
        }

        // The number typed is not kept; which records were shown is.
        await audit.AppendAsync(HttpContext.AuditActor(), new AuditEntry(AuditActions.ReadersSearched, null, new Dictionary<string, string>
        {
            ["page"] = "privacy",
            ["found"] = Matches.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["readers"] = string.Join(',', Matches.Select(m => m.ReaderId)),
        }), cancellationToken);

        // The number typed is not shown back.
        Term = null;
        ModelState.Clear();
        Suppressions = await desk.SuppressionsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetAccessAsync(long id, CancellationToken cancellationToken) =>
        await desk.AccessFileAsync(id, HttpContext.AuditActor(), cancellationToken) is var (content, fileName)
            ? File(content, AccessFile.ContentType, fileName)
            : NotFound();

    public async Task<IActionResult> OnPostEraseAsync(long id, string? confirm, CancellationToken cancellationToken)
    {
        if (!string.Equals(confirm, "yes", StringComparison.Ordinal))
        {
            Notice = ConfirmErasure;
            return RedirectToPage();
        }

        if (await desk.EraseAsync(id, HttpContext.AuditActor(), cancellationToken) is null)
        {
            Notice = AlreadyErased;
        }

        return await desk.ReceiptAsync(id, cancellationToken) is null ? RedirectToPage() : Redirect($"~/privacy/receipt/{id}");
    }

    public async Task<IActionResult> OnPostLiftAsync(string? community, string? resident, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(community) || string.IsNullOrWhiteSpace(resident))
        {
            return BadRequest("Say which community and resident.");
        }

        if (await desk.LiftSuppressionAsync(community, resident, HttpContext.AuditActor(), cancellationToken))
        {
            Notice = Lifted;
        }

        return RedirectToPage();
    }
}
