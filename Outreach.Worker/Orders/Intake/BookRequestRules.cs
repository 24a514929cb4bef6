using Outreach.Integrations.Bookstore;
using Outreach.Worker.Messages;
using Outreach.Worker.Readers.Cards;

namespace Outreach.Worker.Orders.Intake;

/// <summary>
/// The checks a request passes on its own, before the database is asked: every field, each refusal in words the
/// sender can act on, each a code of the message catalog (staff read it in their language, a partner in English). All problems are reported at once, not only the first.
/// </summary>
public static class BookRequestRules
{
    public const int MaxTitleLength = 300;
    public const int MaxExternalRefLength = 100;

    /// <returns>The checked request, or null with the reasons in <paramref name="problems"/>.</returns>
    public static CheckedRequest? Check(BookRequest request, OrdersOptions options, IReadOnlyCollection<string> communities, List<StaffMessage> problems)
    {
        var before = problems.Count;
        var card = Card(request);
        if (card.Length == 0)
        {
            problems.Add(StaffMessage.Of("Intake.CardRequired", $"card_number is required"));
        }
        else if (!CardNumber.IsValid(card))
        {
            problems.Add(StaffMessage.Of("Intake.CardInvalid", $"card_number '{card}' is not a library card number (ZB, nine digits and a check character)"));
        }

        if (!Isbn.TryNormalize(request.Isbn, out var isbn13, out var isbnProblem))
        {
            problems.Add(new StaffMessage("Intake.Isbn." + isbnProblem.Code, isbnProblem.English, [isbnProblem.Shown, isbnProblem.Length]));
        }

        var title = (request.Title ?? "").Trim();
        if (title.Length == 0)
        {
            problems.Add(StaffMessage.Of("Intake.TitleRequired", $"title is required"));
        }
        else if (title.Length > MaxTitleLength)
        {
            problems.Add(StaffMessage.Of("Intake.TitleTooLong", $"title is longer than {MaxTitleLength} characters"));
        }

        if (request.Quantity is not { } quantity)
        {
            problems.Add(StaffMessage.Of("Intake.QuantityRequired", $"quantity is required"));
            quantity = 0;
        }
        else if (quantity < 1 || quantity > options.MaxQuantity)
        {
            problems.Add(StaffMessage.Of("Intake.QuantityOutOfRange", $"quantity {quantity} is out of range: a request asks for 1 to {options.MaxQuantity} copies"));
        }

        if (request.UnitPrice is not { } price)
        {
            problems.Add(StaffMessage.Of("Intake.PriceRequired", $"unit_price (yuan per copy) is required: the budget line is charged with it"));
            price = 0;
        }
        else if (price <= 0 || price > options.MaxUnitPrice || decimal.Round(price, 2) != price)
        {
            problems.Add(StaffMessage.Of("Intake.PriceInvalid",
                $"unit_price {price} is not a price between 0.01 and {options.MaxUnitPrice} yuan with at most two decimals"));
        }

        var budget = (request.BudgetCode ?? "").Trim();
        var budgetCode = options.BudgetLines.Keys.FirstOrDefault(k => string.Equals(k, budget, StringComparison.OrdinalIgnoreCase));
        if (budget.Length == 0)
        {
            problems.Add(StaffMessage.Of("Intake.BudgetRequired", $"budget_code is required"));
        }
        else if (budgetCode is null)
        {
            problems.Add(StaffMessage.Of("Intake.BudgetUnknown", $"budget_code '{budget}' is not a budget line of the library (known: {Known(options.BudgetLines.Keys)})"));
        }

        var deliverKind = string.IsNullOrWhiteSpace(request.DeliverTo) ? DeliverTo.LibraryDesk : request.DeliverTo.Trim().ToLowerInvariant();
        string? deliverCommunity = null;
        if (!DeliverTo.IsKind(deliverKind))
        {
            problems.Add(StaffMessage.Of("Intake.DeliverToUnknown", $"deliver_to '{request.DeliverTo}' is neither {DeliverTo.LibraryDesk} nor {DeliverTo.CommunityRoom}"));
        }
        else if (deliverKind == DeliverTo.CommunityRoom && !string.IsNullOrWhiteSpace(request.DeliverCommunity))
        {
            deliverCommunity = communities.FirstOrDefault(c => string.Equals(c, request.DeliverCommunity.Trim(), StringComparison.OrdinalIgnoreCase));
            if (deliverCommunity is null)
            {
                problems.Add(StaffMessage.Of("Intake.CommunityNoRoom", $"community '{request.DeliverCommunity.Trim()}' has no reading room the bookstore delivers to (known: {Known(communities)})"));
            }
        }

        var externalRef = string.IsNullOrWhiteSpace(request.ExternalRef) ? null : request.ExternalRef.Trim();
        if (externalRef is { Length: > MaxExternalRefLength })
        {
            problems.Add(StaffMessage.Of("Intake.ExternalRefTooLong", $"external_ref is longer than {MaxExternalRefLength} characters"));
        }

        return problems.Count > before
            ? null
            : new CheckedRequest(card, isbn13, title, quantity, price, budgetCode!, deliverKind, deliverCommunity, externalRef);
    }

    /// <summary>The card number as cards are stored: trimmed, upper case.</summary>
    public static string Card(BookRequest request) => (request.CardNumber ?? "").Trim().ToUpperInvariant();

    private static string Known(IEnumerable<string> values)
    {
        var list = values.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none configured" : string.Join(", ", list);
    }
}
