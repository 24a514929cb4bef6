using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Hosting;
using Outreach.Worker.Jobs;
using Outreach.Worker.Storage;

namespace Outreach.Dashboard.Runs;

public sealed class RunsModel(RunBoard runs, LibraryTime time, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Job { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>"p" rather than "page": Razor Pages keeps "page" for its own route value.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, Paging.MaxPage, ErrorMessage = QueryValidation.PageNumberRange)]
    public int PageNumber { get; set; } = 1;

    public RunPage Runs { get; private set; } = new([], 1, false);

    public IReadOnlyList<string> Jobs { get; private set; } = [];

    public LibraryTime Time => time;

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Jobs = await runs.JobsAsync(cancellationToken);
        Runs = await runs.ReadAsync(new RunFilter(Job, Status, PageNumber), cancellationToken);
    }
}
