using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Privacy;

namespace Outreach.Dashboard.Privacy;

/// <summary>The erasure receipt, in Chinese, to print and hand to the resident.</summary>
[Authorize(Policy = StaffPolicies.Admin)]
public sealed class ReceiptModel(PrivacyDesk desk, LibraryTime time) : PageModel
{
    public ErasureReceipt Receipt { get; private set; } = null!;

    public LibraryTime Time => time;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await desk.ReceiptAsync(id, cancellationToken) is not { } receipt)
        {
            return NotFound();
        }

        Receipt = receipt;
        return Page();
    }
}
