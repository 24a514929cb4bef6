using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Communities;
using Outreach.Worker.Messages;
using Outreach.Worker.Orders;
using Outreach.Worker.Orders.Intake;

namespace Outreach.Dashboard.Orders;

/// <summary>The staff form: a request taken at the desk goes through the same intake as the partners' API.</summary>
[Authorize(Policy = StaffPolicies.Operator)]
public sealed class NewOrderModel(BookRequestIntake intake, IOptionsMonitor<OrdersOptions> orders, IOptionsMonitor<CommunityCatalogOptions> communities) : PageModel
{
    [BindProperty]
    public RequestForm Input { get; set; } = new();

    public IReadOnlyList<StaffMessage> Refusal { get; private set; } = [];

    public IReadOnlyList<string> BudgetLines => orders.CurrentValue.BudgetLines.Keys.Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Communities => communities.CurrentValue.Communities.Keys.Order(StringComparer.Ordinal).ToList();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await intake.SubmitAsync(new BookRequest
        {
            CardNumber = Input.CardNumber,
            Isbn = Input.Isbn,
            Title = Input.Title,
            Quantity = Input.Quantity,
            UnitPrice = Input.UnitPrice,
            BudgetCode = Input.BudgetCode,
            DeliverTo = Input.DeliverTo,
            DeliverCommunity = Input.DeliverCommunity,
        }, RequestSource.StaffMember(User.Identity?.Name ?? "staff"), cancellationToken);
        if (!result.IsStored)
        {
            Refusal = result.Said;
            return Page();
        }

        return Redirect($"~/orders/details/{result.OrderRef}");
    }

    public sealed class RequestForm
    {
        public string? CardNumber { get; set; }

        public string? Isbn { get; set; }

        public string? Title { get; set; }

        public int? Quantity { get; set; } = 1;

        public decimal? UnitPrice { get; set; }

        public string? BudgetCode { get; set; }

        public string? DeliverTo { get; set; } = "library_desk";

        public string? DeliverCommunity { get; set; }
    }
}
