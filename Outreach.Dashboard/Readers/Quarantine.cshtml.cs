using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Readers.Board;
using Outreach.Worker.Storage;

namespace Outreach.Dashboard.Readers;

/// <summary>Roster rows refused with their reason; staff mark them resolved after fixing them at the source.</summary>
public sealed class QuarantineModel(ReaderBoard registry, LibraryTime time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Community { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Resolved { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, Paging.MaxPage, ErrorMessage = QueryValidation.PageNumberRange)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<QuarantineView> Rows { get; private set; } = [];

    public long OpenCount { get; private set; }

    public LibraryTime Time => time;

    public bool CanOperate => User.CanOperate();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rows = await registry.QuarantineAsync(string.IsNullOrWhiteSpace(Community) ? null : Community.Trim(), Resolved, Math.Max(1, PageNumber),
            cancellationToken);
        OpenCount = await registry.OpenQuarantineCountAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostResolveAsync(long id, CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        await registry.ResolveAsync(id, HttpContext.AuditActor(), cancellationToken);
        return RedirectToPage(new { Community });
    }
}
