using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Hosting;
using Outreach.Worker.Orders.Board;

namespace Outreach.Dashboard.Orders;

/// <summary>Open orders with no status change for the configured number of days.</summary>
public sealed class StuckOrdersModel(OrderBoard board, LibraryTime time) : PageModel
{
    public IReadOnlyList<OrderRow> Rows { get; private set; } = [];

    public int Days => board.StuckAfterDays;

    public LibraryTime Time => time;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await board.StuckAsync(cancellationToken);
}
