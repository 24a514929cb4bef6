using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Integrations.Time;
using Outreach.Worker.Orders.Board;

namespace Outreach.Dashboard.Orders;

/// <summary>One month's spend per budget line against its cap (this month unless another is asked for).</summary>
public sealed class OrderSpendModel(OrderBoard board, LibraryCalendar library) : PageModel
{
    /// <summary>yyyy-MM.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public string MonthText { get; private set; } = "";

    public IReadOnlyList<BudgetSpend> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var month = DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked)
            ? asked
            : library.ThisMonth;
        MonthText = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Lines = await board.SpendAsync(month, cancellationToken);
    }

    public static string Yuan(decimal amount) => amount.ToString("#,0.00", CultureInfo.CurrentCulture);
}
