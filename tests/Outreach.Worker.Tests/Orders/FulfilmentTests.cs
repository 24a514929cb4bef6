using Outreach.Sandbox.Bookstore;

namespace Outreach.Worker.Tests.Orders;

public sealed class FulfilmentTests
{
    /// <summary>An order accepted by the bookstore, with the webhook off so that each test chooses how changes arrive.</summary>
    private static async Task<(OrdersWorld World, string Order, WebhookTarget Webhook)> AcceptedAsync(string purpose, Action<Dictionary<string, string?>>? configure = null)
    {
        var world = await OrdersWorld.StartAsync(purpose, configure: configure);
        var order = await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync()));
        await world.PushAsync();
        var webhook = world.Bookstore.Webhook!;
        world.Bookstore.Webhook = null;
        return (world, order, webhook);
    }

    [Fact]
    public async Task A_duplicated_change_is_applied_once_whether_it_comes_twice_in_the_feed_or_by_webhook_and_feed()
    {
        var (world, order, webhook) = await AcceptedAsync("orders_dup");
        await using var _ = world;
        await world.Bookstore.AdvanceAsync(order, "sourcing");
        await world.Bookstore.AdvanceAsync(order, "shipped");
        world.Bookstore.Webhook = webhook;
        Assert.Equal(200, (await world.Bookstore.SendWebhookAsync(1, WebhookTamper.None)).WebhookStatus);
        world.Sandbox.Faults.Add(BookstoreFaults.DuplicateChanges());

        var counts = await world.PollAsync();

        Assert.Equal((4, 3, 1), (counts["read"], counts["duplicates"], counts["applied"]));
        Assert.Equal("shipped", await world.StatusAsync(order));
        Assert.Equal(["1", "2"], await world.ListAsync("SELECT seq FROM outreach.book_order_events WHERE seq IS NOT NULL ORDER BY seq"));
        Assert.Equal(["webhook", "feed"], await world.ListAsync("SELECT via FROM outreach.bookstore_changes ORDER BY seq"));
    }

    [Fact]
    public async Task A_change_that_arrives_after_a_later_one_is_kept_in_history_and_does_not_move_the_order_back()
    {
        var (world, order, webhook) = await AcceptedAsync("orders_reorder");
        await using var _ = world;
        await world.Bookstore.AdvanceAsync(order, "sourcing", "调货中");
        await world.Bookstore.AdvanceAsync(order, "shipped", "顺丰");
        world.Bookstore.Webhook = webhook;

        Assert.Equal(200, (await world.Bookstore.SendWebhookAsync(2, WebhookTamper.None)).WebhookStatus);
        Assert.Equal(200, (await world.Bookstore.SendWebhookAsync(1, WebhookTamper.None)).WebhookStatus);
        await world.PollAsync();

        Assert.Equal("shipped", await world.StatusAsync(order));
        Assert.Equal(["received →pending", "pushed pending→accepted", "change accepted→shipped", "change_kept shipped→sourcing"],
            await world.HistoryAsync(order));
        Assert.Equal(["goes back from shipped to sourcing: kept in history, the order stays shipped (调货中)"],
            await world.ListAsync("SELECT note FROM outreach.book_order_events WHERE kind = 'change_kept'"));
    }

    [Fact]
    public async Task The_bookstore_reporting_a_step_back_or_a_cancel_after_delivery_changes_only_the_history()
    {
        var (world, order, _) = await AcceptedAsync("orders_back");
        await using var _ = world;
        foreach (var status in new[] { "shipped", "ready_for_pickup", "shipped", "delivered", "cancelled", "delivered" })
        {
            await world.Bookstore.AdvanceAsync(order, status);
        }

        var counts = await world.PollAsync();
        await world.NotifyAsync();

        Assert.Equal((3, 3), (counts["applied"], counts["kept_in_history"]));
        Assert.Equal("delivered", await world.StatusAsync(order));
        Assert.Equal(["ready_for_pickup"], await world.ListAsync("SELECT kind FROM outreach.book_order_notices"));
        Assert.Single(world.Sandbox.Mail.Messages);
    }

    [Fact]
    public async Task A_forged_webhook_is_refused_and_changes_nothing_until_the_feed_brings_the_real_change()
    {
        var (world, order, webhook) = await AcceptedAsync("orders_forged");
        await using var _ = world;
        await world.Bookstore.AdvanceAsync(order, "shipped");
        world.Bookstore.Webhook = webhook;

        var forged = await world.Bookstore.SendWebhookAsync(1, new WebhookTamper(ForgeSignature: true));

        Assert.Equal(401, forged.WebhookStatus);
        Assert.Equal("accepted", await world.StatusAsync(order));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.bookstore_changes"));
        await world.PollAsync();
        Assert.Equal("shipped", await world.StatusAsync(order));
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public async Task A_webhook_more_than_five_minutes_off_is_refused_as_stale(int minutes)
    {
        var (world, order, webhook) = await AcceptedAsync("orders_stale");
        await using var _ = world;
        await world.Bookstore.AdvanceAsync(order, "shipped");
        world.Bookstore.Webhook = webhook;

        var stale = await world.Bookstore.SendWebhookAsync(1, new WebhookTamper(TimestampOffset: TimeSpan.FromMinutes(minutes)));
        var fresh = await world.Bookstore.SendWebhookAsync(1, new WebhookTamper(TimestampOffset: TimeSpan.FromMinutes(Math.Sign(minutes) * 4)));

        Assert.Equal((401, 200), (stale.WebhookStatus, fresh.WebhookStatus));
        Assert.Equal("shipped", await world.StatusAsync(order));
    }

    [Fact]
    public async Task A_change_delivered_again_with_a_fresh_signature_is_acknowledged_and_applied_once()
    {
        var (world, order, webhook) = await AcceptedAsync("orders_replay");
        await using var _ = world;
        world.Bookstore.Webhook = webhook;
        await world.Bookstore.AdvanceAsync(order, "ready_for_pickup");

        var replay = await world.Bookstore.SendWebhookAsync(1, WebhookTamper.None);
        await world.NotifyAsync();

        Assert.Equal(200, replay.WebhookStatus);
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.book_order_events WHERE seq = 1"));
        Assert.Single(world.Sandbox.Mail.Messages);
    }

    [Fact]
    public async Task A_webhook_without_its_signature_headers_is_refused()
    {
        var (world, order, webhook) = await AcceptedAsync("orders_unsigned");
        await using var _ = world;
        using var http = new HttpClient();

        using var response = await http.PostAsync(webhook.Url, new StringContent(
            $$"""{"seq":1,"order_id":"XH-1","order_ref":"{{order}}","status":"delivered","at":"2026-11-20T10:00:00+08:00"}""",
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("X-Bookstore-Timestamp and X-Bookstore-Signature are required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("accepted", await world.StatusAsync(order));
    }

    [Fact]
    public async Task The_poll_reads_the_feed_page_by_page_and_goes_on_from_the_last_applied_seq()
    {
        var (world, order, _) = await AcceptedAsync("orders_cursor", settings => settings["Outreach:Bookstore:ChangesPageSize"] = "2");
        await using var _ = world;
        await world.Bookstore.AdvanceAsync(order, "sourcing");
        await world.Bookstore.AdvanceAsync(order, "backordered");
        await world.Bookstore.AdvanceAsync(order, "sourcing");

        var first = await world.PollAsync();
        await world.Bookstore.AdvanceAsync(order, "shipped");
        var second = await world.PollAsync();
        var third = await world.PollAsync();

        Assert.Equal((2, 3, 3, 0), (first["pages"], first["read"], first["applied"], first["from_seq"]));
        Assert.Equal((3, 1, 4), (second["from_seq"], second["read"], second["last_seq"]));
        Assert.Equal((0, 4), (third["read"], third["last_seq"]));
        Assert.Equal("shipped", await world.StatusAsync(order));
        Assert.Equal(["succeeded", "succeeded", "succeeded"], await world.ListAsync("SELECT status FROM outreach.job_runs WHERE job = 'orders-poll' ORDER BY id"));
    }

    [Fact]
    public async Task A_change_for_an_order_whose_push_answer_was_lost_moves_it_and_the_push_leaves_it_alone()
    {
        await using var world = await OrdersWorld.StartAsync("orders_overtaken", services: BookstoreHandlers.CrashAfterCreated(1));
        var order = await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync()));
        await Assert.ThrowsAsync<HubCrashedException>(world.PushAsync);
        world.Bookstore.Webhook = null;
        await world.Bookstore.AdvanceAsync(order, "sourcing");

        await world.PollAsync();
        var push = await world.PushAsync();

        Assert.Equal("sourcing", await world.StatusAsync(order));
        Assert.Equal(0, push["pending"]);
        Assert.Equal([world.Bookstore.Find(order)!.OrderId], await world.ListAsync("SELECT bookstore_order_id FROM outreach.book_orders"));
        Assert.Equal(1, world.Bookstore.Posts);
    }

    [Fact]
    public async Task A_change_for_an_order_the_hub_does_not_know_is_recorded_and_skipped()
    {
        var (world, _, _) = await AcceptedAsync("orders_unknown");
        await using var _ = world;
        world.Bookstore.Push("BO-1999-000001", new SimOrderBody("BO-1999-000001", OrdersWorld.Book, "x", 1, new SimDeliverTo("library_desk", null), "ZB1", "X"));
        await world.Bookstore.AdvanceAsync("BO-1999-000001", "shipped");

        var counts = await world.PollAsync();

        Assert.Equal((1, 0), (counts["unknown_orders"], counts["applied"]));
        Assert.Equal(["unknown order_ref: no order of the hub has it"], await world.ListAsync("SELECT outcome FROM outreach.bookstore_changes"));
    }
}
