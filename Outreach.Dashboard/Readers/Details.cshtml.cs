using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Worker.Audit;
using Outreach.Worker.Digests.Consent;
using Outreach.Worker.Readers.Board;

namespace Outreach.Dashboard.Readers;

/// <summary>One reader's record, everything personal masked; each view of it is on the audit trail.</summary>
public sealed class ReaderDetailsModel(ReaderBoard registry, MailConsents consents, AuditTrail audit, LibraryTime time) : PageModel
{
    public ReaderDetail Detail { get; private set; } = null!;

    public IReadOnlyList<ConsentRecord> Consents { get; private set; } = [];

    public LibraryTime Time => time;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await registry.DetailAsync(id, cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Detail = detail;
        Consents = await consents.OfReaderAsync(id, cancellationToken);
        await audit.AppendAsync(HttpContext.AuditActor(), new AuditEntry(AuditActions.ReaderViewed, AuditEntry.Reader(id)), cancellationToken);
        return Page();
    }
}
