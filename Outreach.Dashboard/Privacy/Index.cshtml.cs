using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
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
public sealed class PrivacyModel(ResidentLookup lookup, PrivacyDesk desk, AuditTrail audit, LibraryTime time, IStringLocalizer<PrivacyText> text) : PageModel
{
    // Notices are keys of PrivacyText, shown in the reader's language.
    public const string NotFoundNotice = "NotFound";
    public const string ConfirmErasure = "ConfirmErasure";
    public const string AlreadyErased = "AlreadyErased";
    public const string Lifted = "Lifted";

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
            return BadRequest(text["SayWho"].Value);
        }

        if (await desk.LiftSuppressionAsync(community, resident, HttpContext.AuditActor(), cancellationToken))
        {
            Notice = Lifted;
        }

        return RedirectToPage();
    }
}
