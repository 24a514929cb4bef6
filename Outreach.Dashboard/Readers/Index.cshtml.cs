using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Worker.Audit;
using Outreach.Worker.Readers.Board;

namespace Outreach.Dashboard.Readers;

/// <summary>Finds a reader by card number, resident id or name; everything personal is shown masked.</summary>
public sealed class ReadersModel(ReaderBoard registry, AuditTrail audit, LibraryTime time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<ReaderView> Results { get; private set; } = [];

    public LibraryTime Time => time;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Results = await registry.SearchAsync(Q.Length > 64 ? Q[..64] : Q, cancellationToken);
            // What was searched for is not kept (it may be a name); which records were shown is.
            await audit.AppendAsync(HttpContext.AuditActor(), new AuditEntry(AuditActions.ReadersSearched, null, new Dictionary<string, string>
            {
                ["found"] = Results.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["readers"] = string.Join(',', Results.Select(r => r.Id)),
            }), cancellationToken);
        }
    }
}
