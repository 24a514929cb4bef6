using Outreach.Sandbox.Bookstore;
using Outreach.Sandbox.Faults;
using Outreach.Worker.Audit;
using Outreach.Worker.Jobs;
using Outreach.Worker.Orders.Desk;

namespace Outreach.Worker.Tests.Orders;

public sealed class PushTests
{
    private const string NotInCatalogue = "9787111000006";

    private static readonly string[] CatalogueBooks =
        ["9787020002207", "9787020008728", "9787020008735", "9787020008742", "9787506365437", "9787544253994", "9787020024759", "9787536692930"];

    [Fact]
    public async Task A_crash_between_the_bookstores_201_and_the_commit_creates_one_order()
    {
        await using var world = await OrdersWorld.StartAsync("orders_crash201", services: BookstoreHandlers.CrashAfterCreated(1));
        var order = await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync()));

        await Assert.ThrowsAsync<HubCrashedException>(world.PushAsync);

        Assert.Equal("pending", await world.StatusAsync(order));
        var held = Assert.Single(world.Bookstore.Orders);

        var counts = await world.PushAsync();

        Assert.Equal(1, counts["already_held"]);
        Assert.Equal("accepted", await world.StatusAsync(order));
        Assert.Equal(1, world.Bookstore.OrderCount);
        Assert.Equal(2, world.Bookstore.Find(order)!.Requests);
        Assert.Equal([held.OrderId], await world.ListAsync("SELECT bookstore_order_id FROM outreach.book_orders WHERE order_ref = $1", order));
        Assert.Equal(["received →pending", "pushed pending→accepted"], await world.HistoryAsync(order));
    }

    [Fact]
    public async Task An_order_accepted_whose_answer_was_lost_on_the_way_is_created_once()
    {
        await using var world = await OrdersWorld.StartAsync("orders_dropped");
        var order = await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync()));
        world.Sandbox.Faults.Add(BookstoreFaults.DropAfterAccept(1));

        var counts = await world.PushAsync();

        Assert.Equal((0, 1), (counts["created"], counts["already_held"]));
        Assert.Equal("accepted", await world.StatusAsync(order));
        Assert.Equal(1, world.Bookstore.OrderCount);
        Assert.Equal(2, world.Bookstore.Posts);
    }

    [Fact]
    public async Task When_every_answer_is_lost_the_order_stays_pending_and_the_next_run_finds_the_one_order()
    {
        await using var world = await OrdersWorld.StartAsync("orders_lostall");
        var order = await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync()));
        var drops = world.Sandbox.Faults.Add(BookstoreFaults.DropAfterAccept(100));

        var failure = await Assert.ThrowsAsync<RunIncompleteException>(world.PushAsync);

        Assert.Contains("1 order(s) could not be pushed this time", failure.Message, StringComparison.Ordinal);
        Assert.Equal("pending", await world.StatusAsync(order));
        Assert.Equal(["1"], await world.ListAsync("SELECT push_attempts FROM outreach.book_orders WHERE order_ref = $1", order));
        world.Sandbox.Faults.Remove(drops.Id);

        await world.PushAsync();

        Assert.Equal("accepted", await world.StatusAsync(order));
        Assert.Equal(1, world.Bookstore.OrderCount);
        Assert.Equal(["received →pending", "push_failed pending→pending", "pushed pending→accepted"], await world.HistoryAsync(order));
    }

    [Fact]
    public async Task A_422_ends_the_order_with_its_reason_and_the_reader_is_told_once()
    {
        await using var world = await OrdersWorld.StartAsync("orders_422");
        var order = await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync(email: "reader@example.test"), isbn: NotInCatalogue, title: "不在目录的书"));

        var counts = await world.PushAsync();
        await world.PushAsync();
        await world.NotifyAsync();
        await world.NotifyAsync();

        Assert.Equal(1, counts["rejected"]);
        Assert.Equal("rejected", await world.StatusAsync(order));
        Assert.Equal(["the ISBN is not in the bookstore's catalogue (isbn_not_in_catalog)"],
            await world.ListAsync("SELECT status_reason FROM outreach.book_orders WHERE order_ref = $1", order));
        Assert.Equal(1, world.Bookstore.Posts);
        var mail = Assert.Single(world.Sandbox.Mail.Messages).Parse();
        Assert.Contains("无法订购", mail.Subject, StringComparison.Ordinal);
        // The refusal is stored as a code: the reader reads it in Chinese, and in English in the English paragraph.
        Assert.Contains("（原因：书店的书目中没有这本书）", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("(the book is not in the bookstore's catalogue)", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slow_500_and_429_answers_are_retried_by_the_pipeline_and_the_order_goes_through()
    {
        await using var world = await OrdersWorld.StartAsync("orders_transient");
        var order = await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync()));
        world.Sandbox.Faults.Add(FaultRule.Delay(TimeSpan.FromMilliseconds(300), route: BookstoreRoutes.Orders, count: 1));
        world.Sandbox.Faults.Add(FaultRule.ServerError(1, route: BookstoreRoutes.Orders));
        world.Sandbox.Faults.Add(FaultRule.TooManyRequests(1, retryAfterSeconds: 0, route: BookstoreRoutes.Orders));

        var counts = await world.PushAsync();

        Assert.Equal(1, counts["created"]);
        Assert.Equal("accepted", await world.StatusAsync(order));
        Assert.Equal(1, world.Bookstore.Posts);
        Assert.Empty(world.Sandbox.Faults.Active);
    }

    [Fact]
    public async Task An_open_circuit_fails_the_push_job_with_a_clear_message_and_leaves_the_orders_pending()
    {
        await using var world = await OrdersWorld.StartAsync("orders_circuit", configure: settings =>
        {
            settings["Outreach:Resilience:CircuitBreakerMinimumThroughput"] = "4";
            settings["Outreach:Resilience:CircuitBreakerBreakDuration"] = "00:01:00";
            settings["Outreach:Orders:PushConcurrency"] = "1";
        });
        var orders = new List<string>();
        foreach (var isbn in CatalogueBooks)
        {
            orders.Add(await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync(), isbn: isbn)));
        }

        world.Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.ServerError, Route = BookstoreRoutes.Orders });

        var failure = await Assert.ThrowsAsync<PermanentJobFailureException>(world.PushAsync);

        Assert.StartsWith("The bookstore failed repeatedly, so the hub pauses calls to it for a while (circuit open), when pushing an order.", failure.Message,
            StringComparison.Ordinal);
        Assert.Contains("Orders not pushed stay pending", failure.Message, StringComparison.Ordinal);
        Assert.Equal([failure.Message], await world.ListAsync("SELECT message FROM outreach.job_runs WHERE job = 'orders-push' AND status = 'failed'"));
        Assert.Equal(orders.Count, await world.CountAsync("SELECT count(*) FROM outreach.book_orders WHERE status = 'pending'"));
        Assert.Equal(0, world.Bookstore.OrderCount);
        Assert.True(world.Sandbox.Faults.Active.Count == 1, "the fault stays");
        Assert.True(await world.CountAsync("SELECT count(*) FROM outreach.book_orders WHERE push_attempts > 0") < orders.Count,
            "the run stopped before trying every order");
    }

    [Fact]
    public async Task A_refused_token_fails_the_job_at_once_naming_the_key()
    {
        await using var world = await OrdersWorld.StartAsync("orders_token");
        var order = await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync()));
        world.Bookstore.Token = "rotated-by-the-bookstore";

        var failure = await Assert.ThrowsAsync<PermanentJobFailureException>(world.PushAsync);

        Assert.Contains("refused the hub's token (401) when pushing an order: check Outreach:Bookstore:Token", failure.Message, StringComparison.Ordinal);
        Assert.Equal("pending", await world.StatusAsync(order));
        Assert.Equal(["0"], await world.ListAsync("SELECT push_attempts FROM outreach.book_orders"));
    }

    [Fact]
    public async Task Orders_are_pushed_a_bounded_number_at_a_time()
    {
        var inFlight = new InFlight();
        await using var world = await OrdersWorld.StartAsync("orders_bounded", configure: settings => settings["Outreach:Orders:PushConcurrency"] = "3",
            services: BookstoreHandlers.CountConcurrency(inFlight));
        foreach (var isbn in CatalogueBooks)
        {
            await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync(), isbn: isbn));
        }

        world.Sandbox.Faults.Add(FaultRule.Delay(TimeSpan.FromMilliseconds(150), route: BookstoreRoutes.Orders));

        var counts = await world.PushAsync();

        Assert.Equal(CatalogueBooks.Length, counts["created"]);
        Assert.InRange(inFlight.Most, 2, 3);
    }

    [Fact]
    public async Task A_409_fails_the_order_for_staff_with_the_reason()
    {
        await using var world = await OrdersWorld.StartAsync("orders_409");
        var order = await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync()));
        world.Bookstore.Push(order, new SimOrderBody(order, OrdersWorld.Book, "另一本书", 1, new SimDeliverTo("library_desk", null), "ZB000000000X", "X"));

        var counts = await world.PushAsync();

        Assert.Equal(1, counts["failed"]);
        Assert.Equal("failed", await world.StatusAsync(order));
        Assert.Contains("different order under the key", (await world.ListAsync("SELECT status_reason FROM outreach.book_orders")).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_that_keeps_failing_is_failed_for_staff_and_pushed_again_on_their_word()
    {
        await using var world = await OrdersWorld.StartAsync("orders_again", configure: settings =>
        {
            settings["Outreach:Orders:MaxPushAttempts"] = "2";
            settings["Outreach:Resilience:CircuitBreakerMinimumThroughput"] = "100";
        });
        var order = await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync()));
        var outage = world.Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.ServerError, Route = BookstoreRoutes.Orders });
        await Assert.ThrowsAsync<RunIncompleteException>(world.PushAsync);
        await world.PushAsync();
        Assert.Equal("failed", await world.StatusAsync(order));
        world.Sandbox.Faults.Remove(outage.Id);
        var desk = world.Get<OrderDesk>();

        var again = await desk.PushAgainAsync(order, new AuditActor(null, "operator1", null), CancellationToken.None);
        var twice = await desk.PushAgainAsync(order, new AuditActor(null, "operator1", null), CancellationToken.None);
        await world.PushAsync();

        Assert.True(again.Done, again.Message.English);
        Assert.Contains("a push is queued", again.Message.English, StringComparison.Ordinal);
        Assert.False(twice.Done);
        Assert.Equal("accepted", await world.StatusAsync(order));
        Assert.Equal(
            ["received →pending", "push_failed pending→pending", "failed pending→failed", "push_again failed→pending", "pushed pending→accepted"],
            await world.HistoryAsync(order));
        Assert.Equal(["staff:operator1"], await world.ListAsync("SELECT actor FROM outreach.book_order_events WHERE kind = 'push_again'"));
    }
}
