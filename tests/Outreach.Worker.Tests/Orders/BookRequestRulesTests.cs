using Outreach.Worker.Messages;
using Outreach.Worker.Orders;
using Outreach.Worker.Orders.Intake;

namespace Outreach.Worker.Tests.Orders;

public sealed class BookRequestRulesTests
{
    private static readonly OrdersOptions Options = new()
    {
        MaxQuantity = 3,
        MaxUnitPrice = 200m,
        BudgetLines = new(StringComparer.OrdinalIgnoreCase) { ["SOC-2026"] = new BudgetLineOptions { MonthlyCap = 1000m } },
    };

    private static readonly string[] Communities = ["GL01", "GL03"];

    private static BookRequest Valid => new()
    {
        CardNumber = " zb000100002x ",
        Isbn = "978-7-02-000220-7",
        Title = " 红楼梦 ",
        Quantity = 2,
        UnitPrice = 45.5m,
        BudgetCode = "soc-2026",
    };

    [Fact]
    public void A_valid_request_is_normalised()
    {
        var problems = new List<StaffMessage>();

        var request = BookRequestRules.Check(Valid with { DeliverTo = "Community_Room", DeliverCommunity = "gl03" }, Options, Communities, problems);

        Assert.Empty(problems);
        Assert.Equal(new CheckedRequest("ZB000100002X", "9787020002207", "红楼梦", 2, 45.5m, "SOC-2026", "community_room", "GL03", null), request);
        Assert.Equal(91m, request!.Amount);
    }

    [Fact]
    public void Delivery_defaults_to_the_library_desk_and_a_community_room_without_a_community_is_left_for_the_readers_own()
    {
        var problems = new List<StaffMessage>();

        Assert.Equal(("library_desk", null), Deliver(BookRequestRules.Check(Valid, Options, Communities, problems)));
        Assert.Equal(("community_room", null), Deliver(BookRequestRules.Check(Valid with { DeliverTo = "community_room" }, Options, Communities, problems)));
        Assert.Empty(problems);

        static (string, string?) Deliver(CheckedRequest? request) => (request!.DeliverKind, request.DeliverCommunity);
    }

    [Theory]
    [InlineData(0, "quantity 0 is out of range: a request asks for 1 to 3 copies")]
    [InlineData(4, "quantity 4 is out of range: a request asks for 1 to 3 copies")]
    [InlineData(null, "quantity is required")]
    public void Quantity_is_held_to_its_limits(int? quantity, string problem)
    {
        var problems = new List<StaffMessage>();

        Assert.Null(BookRequestRules.Check(Valid with { Quantity = quantity }, Options, Communities, problems));
        Assert.Equal([problem], problems.Select(p => p.English));
    }

    [Theory]
    [InlineData("200.01", "unit_price 200.01 is not a price between 0.01 and 200 yuan with at most two decimals")]
    [InlineData("45.555", "unit_price 45.555 is not a price between 0.01 and 200 yuan with at most two decimals")]
    [InlineData("-1", "unit_price -1 is not a price between 0.01 and 200 yuan with at most two decimals")]
    public void Price_must_be_a_plausible_amount_in_yuan(string price, string problem)
    {
        var problems = new List<StaffMessage>();

        BookRequestRules.Check(Valid with { UnitPrice = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) }, Options, Communities, problems);

        Assert.Equal([problem], problems.Select(p => p.English));
    }

    [Fact]
    public void Unknown_delivery_kind_and_overlong_fields_are_refused()
    {
        var problems = new List<StaffMessage>();

        BookRequestRules.Check(Valid with { DeliverTo = "home", Title = new string('书', 301), ExternalRef = new string('x', 101) }, Options, Communities, problems);

        Assert.Equal(
        [
            "title is longer than 300 characters",
            "deliver_to 'home' is neither library_desk nor community_room",
            "external_ref is longer than 100 characters",
        ], problems.Select(p => p.English));
    }
}
