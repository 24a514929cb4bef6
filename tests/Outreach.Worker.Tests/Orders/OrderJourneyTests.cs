using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Outreach.Integrations.Bookstore;
using Outreach.Worker.Hosting;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Tests.Orders;

public sealed class OrderJourneyTests
{
    [Fact]
    public async Task A_request_goes_from_intake_to_delivered_and_the_reader_gets_one_email_per_notice()
    {
        await using var world = await OrdersWorld.StartAsync("orders_journey", HostRole.Worker);
        var card = await world.ReaderAsync("GL01", email: "qiu.ye@example.test");
        var delivered = await world.OrderAsync(OrdersWorld.Request(card));
        var cancelled = await world.OrderAsync(OrdersWorld.Request(card, isbn: "978-7-5366-9293-0", title: "三体", deliverTo: DeliverTo.CommunityRoom, community: "GL03"));
        var catalog = world.Get<JobCatalog>();

        // As `run orders-push` does it.
        await catalog.Get("orders-push").RunAsync(world.Hub.Services, JobArguments.None, CancellationToken.None);

        Assert.Equal("accepted", await world.StatusAsync(delivered));
        Assert.Equal(2, world.Bookstore.OrderCount);
        var sentBody = world.Bookstore.Find(cancelled)!.Body;
        Assert.Equal(("9787536692930", "community_room", "GL03", card), (sentBody.Isbn, sentBody.DeliverTo!.Kind, sentBody.DeliverTo.Community, sentBody.ReaderCard));

        // The webhook moves one order at once; the rest comes through the feed.
        var sourcing = await world.Bookstore.AdvanceAsync(delivered, "sourcing", "向出版社调货");
        Assert.Equal(200, sourcing.WebhookStatus);
        Assert.Equal("sourcing", await world.StatusAsync(delivered));
        var webhook = world.Bookstore.Webhook;
        world.Bookstore.Webhook = null;
        await world.Bookstore.AdvanceAsync(delivered, "shipped", "顺丰 SF1234567890");
        await world.Bookstore.AdvanceAsync(delivered, "ready_for_pickup");
        await world.Bookstore.AdvanceAsync(cancelled, "cancelled", "出版社缺货");
        await catalog.Get("orders-poll").RunAsync(world.Hub.Services, JobArguments.None, CancellationToken.None);

        Assert.Equal(("ready_for_pickup", "cancelled"), (await world.StatusAsync(delivered), await world.StatusAsync(cancelled)));
        var mails = await world.Sandbox.Mail.WaitForCountAsync(2, TimeSpan.FromSeconds(20));

        world.Bookstore.Webhook = webhook;
        Assert.Equal(200, (await world.Bookstore.AdvanceAsync(delivered, "delivered", "读者已取书")).WebhookStatus);
        Assert.Equal(200, (await world.Bookstore.SendWebhookAsync(3, Sandbox.Bookstore.WebhookTamper.None)).WebhookStatus);
        await world.PollAsync();
        await world.NotifyAsync();
        await catalog.Get("orders-notify").RunAsync(world.Hub.Services, JobArguments.None, CancellationToken.None);

        Assert.Equal("delivered", await world.StatusAsync(delivered));
        Assert.Equal(2, world.Sandbox.Mail.Messages.Count);
        Assert.All(mails, m => Assert.Equal(["qiu.ye@example.test"], m.To));
        var pickup = mails.Select(m => m.Parse()).Single(m => (m.Subject ?? "").Contains("可以领取", StringComparison.Ordinal));
        Assert.Contains(OrdersWorld.BookTitle, pickup.Subject, StringComparison.Ordinal);
        Assert.Contains(delivered, pickup.TextBody, StringComparison.Ordinal);
        Assert.Contains("library main desk", pickup.TextBody, StringComparison.Ordinal);
        Assert.Equal($"{delivered}.ready_for_pickup@outreach.test", pickup.MessageId);
        var cancelMail = mails.Select(m => m.Parse()).Single(m => (m.Subject ?? "").Contains("已取消", StringComparison.Ordinal));
        // The bookstore's note, as it wrote it, is the reason; the hub's own words around it are not put in English.
        Assert.Contains("（原因：出版社缺货）", cancelMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("cancelled by the bookstore", cancelMail.TextBody, StringComparison.Ordinal);
        Assert.Equal(new MailboxAddress("图书馆 Outreach", "library@outreach.test"), cancelMail.From.Mailboxes.Single());
        Assert.Equal(
        [
            "received →pending",
            "pushed pending→accepted",
            "change accepted→sourcing",
            "change sourcing→shipped",
            "change shipped→ready_for_pickup",
            "change ready_for_pickup→delivered",
        ], await world.HistoryAsync(delivered));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.book_order_notices WHERE sent_at IS NULL"));
        Assert.Equal(5, await world.CountAsync("SELECT count(*) FROM outreach.bookstore_changes"));
    }
}
