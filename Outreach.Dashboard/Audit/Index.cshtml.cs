using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Audit;
using Outreach.Worker.Storage;

namespace Outreach.Dashboard.Audit;

/// <summary>Admins search the audit trail (who, what, on what, when) and verify its hash chain.</summary>
[Authorize(Policy = StaffPolicies.Admin)]
public sealed class AuditModel(AuditLog log, AuditChain chain, LibraryTime time) : PageModel
{

    [BindProperty(SupportsGet = true)]
    [StringLength(64)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(64)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(128)]
    public string? Target { get; set; }

    /// <summary>A library-time day, from its start.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>A library-time day, to its end.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? Until { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, Paging.MaxPage, ErrorMessage = QueryValidation.PageNumberRange)]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public bool Verify { get; set; }

    public AuditPage Entries { get; private set; } = new([], 1, false);

    public AuditVerification? Verification { get; private set; }

    public LibraryTime Time => time;

    public static IReadOnlyList<string> Actions => AuditActions.All;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Entries = await log.SearchAsync(new AuditFilter(Actor, Action, Target, Start(From), Start(Until?.AddDays(1)), PageNumber), cancellationToken);
        if (Verify)
        {
            Verification = await chain.VerifyAsync(cancellationToken);
        }
    }

    private DateTimeOffset? Start(DateOnly? day) => day is { } d ? time.StartOf(d) : null;

    /// <summary>The link to another page of the same search.</summary>
    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["actor"] = Actor, ["action"] = Action, ["target"] = Target,
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["until"] = Until?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).Value ?? "";
}
