using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Audit;
using Outreach.Worker.Messages;
using Outreach.Worker.Orders.Board;
using Outreach.Worker.Orders.Desk;

namespace Outreach.Dashboard.Orders;

/// <summary>One order: its facts, its whole history (changes kept in history only included), its notices, and the staff actions.</summary>
public sealed class OrderDetailsModel(OrderBoard board, OrderDesk desk, LibraryTime time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string OrderRef { get; set; } = "";

    public OrderDetail Detail { get; private set; } = null!;

    public StaffMessage? Message { get; private set; }

    public bool Done { get; private set; }

    public bool CanOperate => User.CanOperate();

    public LibraryTime Time => time;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public Task<IActionResult> OnPostPushAgainAsync(CancellationToken cancellationToken) =>
        ActAsync(staff => desk.PushAgainAsync(OrderRef, staff, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReleaseAsync(CancellationToken cancellationToken) =>
        ActAsync(staff => desk.ReleaseAsync(OrderRef, staff, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(string? reason, CancellationToken cancellationToken) =>
        ActAsync(staff => desk.DeclineAsync(OrderRef, staff, reason ?? "", cancellationToken), cancellationToken);

    /// <summary>Operators only: a viewer's POST is refused even though the page shows a viewer no button.</summary>
    private async Task<IActionResult> ActAsync(Func<AuditActor, Task<DeskResult>> action, CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        var result = await action(HttpContext.AuditActor());
        (Message, Done) = (result.Message, result.Done);
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (await board.DetailAsync(OrderRef, cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Detail = detail;
        return Page();
    }
}
