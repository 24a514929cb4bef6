using Outreach.Worker.Audit;
using Outreach.Worker.Orders.Desk;
using Outreach.Worker.Orders.Intake;

namespace Outreach.Worker.Tests.Orders;

public sealed class IntakeTests
{
    [Fact]
    public async Task A_valid_request_is_stored_pending_with_a_reference_and_its_first_history_line()
    {
        await using var world = await OrdersWorld.StartAsync("intake_valid");
        var card = await world.ReaderAsync("GL03");

        var result = await world.SubmitAsync(OrdersWorld.Request(card.ToLowerInvariant(), isbn: "7-02-000220-X", deliverTo: "community_room"));

        Assert.Equal((IntakeVerdict.Accepted, "pending"), (result.Verdict, result.Status));
        Assert.Matches(@"^BO-20\d\d-\d{6}$", result.OrderRef);
        Assert.Equal([$"9787020002207 {card} GL03 community_room GL03 api portal-gl01"], await world.ListAsync(
            "SELECT isbn13 || ' ' || card_number || ' ' || community || ' ' || deliver_kind || ' ' || deliver_community || ' ' || source || ' ' || source_name FROM outreach.book_orders"));
        Assert.Equal(["received →pending"], await world.HistoryAsync(result.OrderRef!));
        Assert.Equal(["partner:portal-gl01"], await world.ListAsync("SELECT actor FROM outreach.book_order_events"));
    }

    [Fact]
    public async Task Every_problem_of_a_request_is_reported_at_once_in_words_the_sender_can_act_on()
    {
        await using var world = await OrdersWorld.StartAsync("intake_problems");

        var result = await world.SubmitAsync(new BookRequest
        {
            CardNumber = "ZB000000001X",
            Isbn = "9787020002208",
            Title = " ",
            Quantity = 9,
            UnitPrice = 0,
            BudgetCode = "SOC-1999",
            DeliverTo = "community_room",
            DeliverCommunity = "GL99",
        });

        Assert.Equal(IntakeVerdict.Refused, result.Verdict);
        Assert.Equal(
        [
            "ISBN '9787020002208' fails its ISBN-13 check digit",
            "title is required",
            "quantity 9 is out of range: a request asks for 1 to 3 copies",
            "unit_price 0 is not a price between 0.01 and 500 yuan with at most two decimals",
            "budget_code 'SOC-1999' is not a budget line of the library (known: SOC-2026)",
            "community 'GL99' has no reading room the bookstore delivers to (known: GL01, GL03)",
            "card ZB000000001X is not a card the library issued",
        ], result.Reasons);
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.book_orders"));
    }

    [Theory]
    [InlineData("withdrawn")]
    [InlineData("suspended")]
    public async Task A_card_that_is_not_active_is_refused_saying_so(string status)
    {
        await using var world = await OrdersWorld.StartAsync("intake_inactive");
        var card = await world.ReaderAsync(cardStatus: status);

        var result = await world.SubmitAsync(OrdersWorld.Request(card));

        Assert.Equal([$"card {card} is {status}, not active: only active card holders may request books"], result.Reasons);
    }

    [Fact]
    public async Task A_malformed_card_number_is_refused_without_looking_it_up()
    {
        await using var world = await OrdersWorld.StartAsync("intake_badcard");

        var result = await world.SubmitAsync(OrdersWorld.Request("12345"));

        Assert.Equal(["card_number '12345' is not a library card number (ZB, nine digits and a check character)"], result.Reasons);
    }

    [Fact]
    public async Task The_request_that_would_pass_the_readers_monthly_limit_is_refused_and_cancelled_books_do_not_count()
    {
        await using var world = await OrdersWorld.StartAsync("intake_reader", configure: settings => settings["Outreach:Orders:ReaderMonthlyBooks"] = "3");
        var card = await world.ReaderAsync();
        var first = await world.OrderAsync(OrdersWorld.Request(card, quantity: 2));

        var refused = await world.SubmitAsync(OrdersWorld.Request(card, isbn: "9787020008728", quantity: 2));
        await world.ExecuteAsync("UPDATE outreach.book_orders SET status = 'cancelled' WHERE order_ref = $1", first);
        var accepted = await world.SubmitAsync(OrdersWorld.Request(card, isbn: "9787020008728", quantity: 2));

        Assert.Equal(["the reader has requested 2 book(s) this month; 2 more would pass the monthly limit of 3"], refused.Reasons);
        Assert.Equal(IntakeVerdict.Accepted, accepted.Verdict);
    }

    [Fact]
    public async Task The_request_that_would_pass_the_budget_lines_monthly_cap_is_refused_saying_what_is_left()
    {
        await using var world = await OrdersWorld.StartAsync("intake_budget", configure: settings => settings["Outreach:Orders:BudgetLines:SOC-2026:MonthlyCap"] = "100");
        await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync(), quantity: 2, price: 45m));

        var refused = await world.SubmitAsync(OrdersWorld.Request(await world.ReaderAsync(), isbn: "9787020008728", price: 10.01m));

        Assert.Equal(["budget line SOC-2026 has 10.00 yuan left this month (cap 100.00); this request needs 10.01"], refused.Reasons);
        Assert.Equal(IntakeVerdict.Accepted, (await world.SubmitAsync(OrdersWorld.Request(await world.ReaderAsync(), isbn: "9787020008728", price: 10m))).Verdict);
    }

    [Fact]
    public async Task Requests_at_the_same_moment_never_pass_the_budget_cap_together()
    {
        await using var world = await OrdersWorld.StartAsync("intake_race", configure: settings => settings["Outreach:Orders:BudgetLines:SOC-2026:MonthlyCap"] = "100");
        var cards = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            cards.Add(await world.ReaderAsync());
        }

        var results = await Task.WhenAll(cards.Select(card => world.SubmitAsync(OrdersWorld.Request(card, price: 45m))));

        Assert.Equal(2, results.Count(r => r.IsStored));
        Assert.Equal(90m, decimal.Parse((await world.ListAsync("SELECT sum(quantity * unit_price) FROM outreach.book_orders")).Single(),
            System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_title_on_order_or_already_held_is_held_for_staff_who_order_it_anyway_or_decline_it()
    {
        await using var world = await OrdersWorld.StartAsync("intake_duplicate");
        var first = await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync()));

        var held = await world.SubmitAsync(OrdersWorld.Request(await world.ReaderAsync(), isbn: "978-7-02-000220-7"));
        await world.PushAsync();

        Assert.Equal((IntakeVerdict.Held, "held"), (held.Verdict, held.Status));
        Assert.Equal([$"the library already has this title on order ({first}, pending); staff decide whether to order it twice"], held.Reasons);
        Assert.Equal(1, world.Bookstore.OrderCount);

        var desk = world.Get<OrderDesk>();
        Assert.True((await desk.ReleaseAsync(held.OrderRef!, new AuditActor(null, "librarian", null), CancellationToken.None)).Done);
        await world.PushAsync();
        Assert.Equal(2, world.Bookstore.OrderCount);
        Assert.Equal(["received →pending", "held pending→held", "released held→pending", "pushed pending→accepted"], await world.HistoryAsync(held.OrderRef!));

        await world.ExecuteAsync("UPDATE outreach.book_orders SET status = 'delivered'");
        var again = await world.SubmitAsync(OrdersWorld.Request(await world.ReaderAsync()));
        Assert.StartsWith("the library already holds this title (delivered for order", Assert.Single(again.Reasons), StringComparison.Ordinal);
        var noReason = await desk.DeclineAsync(again.OrderRef!, new AuditActor(null, "librarian", null), " ", CancellationToken.None);
        var declined = await desk.DeclineAsync(again.OrderRef!, new AuditActor(null, "librarian", null), "馆藏已有两册", CancellationToken.None);
        Assert.False(noReason.Done);
        Assert.True(declined.Done);
        Assert.Equal("declined", await world.StatusAsync(again.OrderRef!));
        Assert.Equal(["馆藏已有两册"], await world.ListAsync("SELECT status_reason FROM outreach.book_orders WHERE order_ref = $1", again.OrderRef!));
    }

    [Fact]
    public async Task The_same_external_ref_from_a_partner_answers_with_the_first_order_even_at_the_same_moment()
    {
        await using var world = await OrdersWorld.StartAsync("intake_extref");
        var card = await world.ReaderAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => world.SubmitAsync(OrdersWorld.Request(card, externalRef: "portal-req-77"))));
        var fromAnotherPartner = await world.SubmitAsync(OrdersWorld.Request(card, externalRef: "portal-req-77", isbn: "9787020008728"),
            RequestSource.Partner("portal-gl03"));

        Assert.Single(results.Select(r => r.OrderRef).Distinct());
        Assert.Equal(1, results.Count(r => r.Verdict == IntakeVerdict.Accepted));
        Assert.Equal(4, results.Count(r => r.Verdict == IntakeVerdict.AlreadyReceived));
        Assert.Equal(IntakeVerdict.Accepted, fromAnotherPartner.Verdict);
        Assert.Equal(2, await world.CountAsync("SELECT count(*) FROM outreach.book_orders"));
    }
}
