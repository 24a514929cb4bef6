using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Hosting;
using Outreach.Worker.Orders.Board;
using Outreach.Worker.Storage;

namespace Outreach.Dashboard.Orders;

/// <summary>Book orders with filters (status, community, reader card, age) and what needs attention.</summary>
public sealed class OrdersModel(OrderBoard board, LibraryTime time) : PageModel
{
    public const string AgeRange = "AgeRange";

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Community { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Card { get; set; }

    /// <summary>Only orders received more than this many days ago.</summary>
    [BindProperty(SupportsGet = true)]
    [Range(0, OrderBoard.MaxAgeDays, ErrorMessage = AgeRange)]
    public int? Age { get; set; }

    /// <summary>"p" rather than "page": Razor Pages keeps "page" for its own route value.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, Paging.MaxPage, ErrorMessage = QueryValidation.PageNumberRange)]
    public int PageNumber { get; set; } = 1;

    public OrderPage Orders { get; private set; } = new([], 1, false);

    public OrderAttention Attention { get; private set; } = new(0, 0, 0, 0);

    public IReadOnlyList<string> Communities { get; private set; } = [];

    public LibraryTime Time => time;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Orders = await board.ListAsync(new OrderFilter(Status, Community, Card, Age, PageNumber), cancellationToken);
        Attention = await board.AttentionAsync(cancellationToken);
        Communities = await board.CommunitiesAsync(cancellationToken);
    }
}
