using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Hosting;
using Outreach.Worker.Readers.Registry;

namespace Outreach.Dashboard.Pages.Readers;

/// <summary>Finds a reader by card number, resident id or name; everything personal is shown masked.</summary>
public sealed class ReadersModel(ReaderRegistry registry, LibraryTime time) : PageModel
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
        }
    }
}
