using Outreach.Sandbox.Faults;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Tests.Orders;

public sealed class NoticeTests
{
    /// <summary>Orders pushed and moved by the bookstore to <paramref name="status"/>, applied by a poll.</summary>
    private static async Task<List<string>> MovedAsync(OrdersWorld world, string status, params string?[] emails)
    {
        world.Bookstore.Webhook = null;
        var isbns = new[] { "9787020002207", "9787020008728", "9787020008735", "9787020008742", "9787506365437" };
        var orders = new List<string>();
        for (var i = 0; i < emails.Length; i++)
        {
            orders.Add(await world.OrderAsync(OrdersWorld.Request(await world.ReaderAsync(email: emails[i]), isbn: isbns[i])));
        }

        await world.PushAsync();
        foreach (var order in orders)
        {
            await world.Bookstore.AdvanceAsync(order, status);
        }

        await world.PollAsync();
        return orders;
    }

    [Fact]
    public async Task Notice_runs_at_the_same_moment_send_each_notice_once()
    {
        await using var world = await OrdersWorld.StartAsync("notice_race");
        await MovedAsync(world, "ready_for_pickup", "a@example.test", "b@example.test", "c@example.test", "d@example.test");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => world.NotifyAsync()));

        Assert.Equal(4, world.Sandbox.Mail.Messages.Count);
        Assert.Equal(["a@example.test", "b@example.test", "c@example.test", "d@example.test"],
            world.Sandbox.Mail.Messages.Select(m => m.To.Single()).Order(StringComparer.Ordinal));
        Assert.Equal(4, await world.CountAsync("SELECT count(*) FROM outreach.book_order_notices WHERE sent_at IS NOT NULL AND attempts = 1"));
    }

    [Fact]
    public async Task A_reader_without_an_email_address_is_given_up_with_the_reason_for_staff()
    {
        await using var world = await OrdersWorld.StartAsync("notice_noaddress");
        await MovedAsync(world, "cancelled", [null]);

        var counts = await world.NotifyAsync();

        Assert.Equal(1, counts["given_up"]);
        Assert.Empty(world.Sandbox.Mail.Messages);
        Assert.Equal(["the reader has no e-mail address: tell them at the desk"],
            await world.ListAsync("SELECT last_error FROM outreach.book_order_notices WHERE given_up_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_mail_server_that_refuses_for_now_fails_the_run_and_the_next_run_sends_the_notice_once()
    {
        await using var world = await OrdersWorld.StartAsync("notice_retry");
        await MovedAsync(world, "ready_for_pickup", "a@example.test");
        var refusing = world.Sandbox.Faults.Add(FaultRule.SmtpTransient(count: null));

        var failure = await Assert.ThrowsAsync<RunIncompleteException>(world.NotifyAsync);
        world.Sandbox.Faults.Remove(refusing.Id);
        var counts = await world.NotifyAsync();

        Assert.Contains("1 reader notice(s) could not be sent", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, counts["sent"]);
        Assert.Single(world.Sandbox.Mail.Messages);
        Assert.Equal(["2"], await world.ListAsync("SELECT attempts FROM outreach.book_order_notices"));
    }

    [Fact]
    public async Task An_address_the_mail_server_refuses_is_given_up_and_not_tried_again()
    {
        await using var world = await OrdersWorld.StartAsync("notice_refused");
        await MovedAsync(world, "ready_for_pickup", "gone@example.test");
        world.Sandbox.Faults.Add(FaultRule.SmtpPermanent(1, recipient: "gone@example.test"));

        var counts = await world.NotifyAsync();
        var again = await world.NotifyAsync();

        Assert.Equal(1, counts["given_up"]);
        Assert.Equal(0, again["due"]);
        Assert.Empty(world.Sandbox.Mail.Messages);
        Assert.StartsWith("the mail server refused it: 5", (await world.ListAsync("SELECT last_error FROM outreach.book_order_notices")).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notices_wait_and_the_job_fails_naming_the_key_while_no_mail_server_is_configured()
    {
        await using var world = await OrdersWorld.StartAsync("notice_nosmtp", configure: settings => settings["Outreach:Mail:Host"] = null);
        await MovedAsync(world, "ready_for_pickup", "a@example.test");

        var failure = await Assert.ThrowsAsync<PermanentJobFailureException>(world.NotifyAsync);

        Assert.Equal("1 reader notice(s) wait: set Outreach:Mail:Host and Outreach:Mail:From to send them.", failure.Message);
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.book_order_notices WHERE sent_at IS NULL AND given_up_at IS NULL"));
    }
}
