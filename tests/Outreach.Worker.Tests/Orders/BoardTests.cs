using Outreach.Integrations.Time;
using Outreach.Worker.Orders;
using Outreach.Worker.Orders.Board;

namespace Outreach.Worker.Tests.Orders;

public sealed class BoardTests
{
    [Fact]
    public async Task Orders_are_listed_newest_first_with_filters_for_status_community_card_and_age()
    {
        await using var world = await OrdersWorld.StartAsync("board_list");
        var gl01 = await world.ReaderAsync("GL01");
        var gl03 = await world.ReaderAsync("GL03");
        var old = await world.OrderAsync(OrdersWorld.Request(gl01));
        var shipped = await world.OrderAsync(OrdersWorld.Request(gl03, isbn: "9787020008728"));
        var fresh = await world.OrderAsync(OrdersWorld.Request(gl03, isbn: "9787020008735"));
        await world.ExecuteAsync("UPDATE outreach.book_orders SET created_at = created_at - interval '10 days' WHERE order_ref = $1", old);
        await world.ExecuteAsync("UPDATE outreach.book_orders SET status = 'shipped' WHERE order_ref = $1", shipped);
        var board = world.Get<OrderBoard>();

        async Task<IEnumerable<string>> Refs(OrderFilter filter) => (await board.ListAsync(filter, CancellationToken.None)).Rows.Select(r => r.OrderRef);

        Assert.Equal([fresh, shipped, old], await Refs(new OrderFilter()));
        Assert.Equal([shipped], await Refs(new OrderFilter(Status: "shipped")));
        Assert.Equal([fresh, shipped], await Refs(new OrderFilter(Community: "gl03")));
        Assert.Equal([old], await Refs(new OrderFilter(CardNumber: gl01)));
        Assert.Equal([old], await Refs(new OrderFilter(OlderThanDays: 7)));
        Assert.Empty(await Refs(new OrderFilter(Status: "pending", Community: "GL01", OlderThanDays: 30)));
    }

    [Fact]
    public async Task Open_orders_with_no_change_for_the_configured_days_are_listed_as_stuck_the_longest_waiting_first()
    {
        await using var world = await OrdersWorld.StartAsync("board_stuck", configure: settings => settings["Outreach:Orders:StuckAfterDays"] = "5");
        var card = await world.ReaderAsync();
        var shipped = await world.OrderAsync(OrdersWorld.Request(card));
        var sourcing = await world.OrderAsync(OrdersWorld.Request(card, isbn: "9787020008728"));
        var delivered = await world.OrderAsync(OrdersWorld.Request(card, isbn: "9787020008735"));
        var recent = await world.OrderAsync(OrdersWorld.Request(card, isbn: "9787020008742"));
        await world.ExecuteAsync("UPDATE outreach.book_orders SET status = 'shipped', status_changed_at = now() - interval '9 days' WHERE order_ref = $1", shipped);
        await world.ExecuteAsync("UPDATE outreach.book_orders SET status = 'sourcing', status_changed_at = now() - interval '6 days' WHERE order_ref = $1", sourcing);
        await world.ExecuteAsync("UPDATE outreach.book_orders SET status = 'delivered', status_changed_at = now() - interval '30 days' WHERE order_ref = $1", delivered);
        await world.ExecuteAsync("UPDATE outreach.book_orders SET status = 'accepted', status_changed_at = now() - interval '4 days' WHERE order_ref = $1", recent);
        var board = world.Get<OrderBoard>();

        var stuck = await board.StuckAsync(CancellationToken.None);
        var attention = await board.AttentionAsync(CancellationToken.None);

        Assert.Equal([shipped, sourcing], stuck.Select(o => o.OrderRef));
        Assert.Equal(5, board.StuckAfterDays);
        Assert.Equal(new OrderAttention(0, 0, 2, 0), attention);
    }

    [Fact]
    public async Task Monthly_spend_per_budget_line_counts_what_is_or_may_still_be_bought_against_the_cap()
    {
        await using var world = await OrdersWorld.StartAsync("board_spend", configure: settings =>
        {
            settings["Outreach:Orders:BudgetLines:LIB-2026:MonthlyCap"] = "300";
            settings["Outreach:Orders:BudgetLines:LIB-2026:Name"] = "Library acquisitions";
        });
        var card = await world.ReaderAsync();
        await world.OrderAsync(OrdersWorld.Request(card, quantity: 2, price: 45m));
        var delivered = await world.OrderAsync(OrdersWorld.Request(card, isbn: "9787020008728", price: 30m));
        var rejected = await world.OrderAsync(OrdersWorld.Request(card, isbn: "9787020008735", price: 99m));
        await world.ExecuteAsync("UPDATE outreach.book_orders SET status = 'delivered' WHERE order_ref = $1", delivered);
        await world.ExecuteAsync("UPDATE outreach.book_orders SET status = 'rejected' WHERE order_ref = $1", rejected);
        var month = world.Get<LibraryCalendar>().ThisMonth;

        var spend = await world.Get<OrderBoard>().SpendAsync(month, CancellationToken.None);

        Assert.Equal(
        [
            new BudgetSpend("LIB-2026", "Library acquisitions", 300m, 0, 0, 0m, 0m),
            new BudgetSpend("SOC-2026", "Social service 2026", 1000m, 2, 3, 120m, 30m),
        ], spend);
        Assert.Equal(880m, spend[1].Remaining);
        Assert.DoesNotContain(await world.Get<OrderBoard>().SpendAsync(month.AddMonths(-1), CancellationToken.None), s => s.Orders > 0);
    }

    [Fact]
    public async Task An_orders_page_shows_its_delivery_source_history_and_notices()
    {
        await using var world = await OrdersWorld.StartAsync("board_detail");
        var order = await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync(), deliverTo: "community_room"));
        await world.PushAsync();
        await world.Bookstore.AdvanceAsync(order, "ready_for_pickup", "到馆");
        await world.NotifyAsync();

        var detail = await world.Get<OrderBoard>().DetailAsync(order.ToLowerInvariant(), CancellationToken.None);

        Assert.NotNull(detail);
        Assert.Equal((OrderStatus.ReadyForPickup, "community_room", "GL01", "api", "portal-gl01", 1),
            (detail.Order.Status, detail.DeliverKind, detail.DeliverCommunity, detail.Source, detail.SourceName, detail.PushAttempts));
        Assert.Equal(["received", "pushed", "change"], detail.History.Select(h => h.Kind));
        Assert.Equal((1L, "bookstore", "到馆"), (detail.History[2].Seq!.Value, detail.History[2].Actor, detail.History[2].Note?.Text));
        var notice = Assert.Single(detail.Notices);
        Assert.Equal(("ready_for_pickup", 1), (notice.Kind, notice.Attempts));
        Assert.NotNull(notice.SentAt);
        Assert.Null(await world.Get<OrderBoard>().DetailAsync("BO-1999-000001", CancellationToken.None));
    }
}
