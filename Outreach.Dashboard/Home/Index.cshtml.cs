using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Outreach.Dashboard.Home;

public sealed class HomeModel(AttentionBoard board) : PageModel
{
    public Attention Attention { get; private set; } = new(0, 0, 0, 0);

    public int WindowDays => (int)AttentionBoard.RunWindow.TotalDays;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Attention = await board.ReadAsync(cancellationToken);
}
