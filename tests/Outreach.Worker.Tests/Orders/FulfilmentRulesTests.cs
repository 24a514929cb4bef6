using Outreach.Worker.Orders.Fulfilment;

namespace Outreach.Worker.Tests.Orders;

public sealed class FulfilmentRulesTests
{
    [Theory]
    [InlineData("accepted", "sourcing")]
    [InlineData("accepted", "backordered")]
    [InlineData("sourcing", "backordered")]
    [InlineData("backordered", "sourcing")]
    [InlineData("accepted", "shipped")]
    [InlineData("sourcing", "ready_for_pickup")]
    [InlineData("ready_for_pickup", "delivered")]
    [InlineData("pending", "sourcing")]
    [InlineData("failed", "shipped")]
    [InlineData("accepted", "cancelled")]
    [InlineData("ready_for_pickup", "cancelled")]
    public void A_step_forward_or_a_cancel_before_delivery_moves_the_order(string current, string incoming) =>
        Assert.True(FulfilmentRules.Decide(current, incoming).Moves);

    [Theory]
    [InlineData("shipped", "sourcing", "goes back from shipped to sourcing: kept in history, the order stays shipped")]
    [InlineData("ready_for_pickup", "shipped", "goes back from ready_for_pickup to shipped: kept in history, the order stays ready_for_pickup")]
    [InlineData("shipped", "shipped", "repeats the current status shipped")]
    [InlineData("delivered", "cancelled", "the order is already delivered")]
    [InlineData("cancelled", "shipped", "the order is already cancelled")]
    [InlineData("rejected", "sourcing", "the order is already rejected")]
    [InlineData("held", "sourcing", "the order is held for staff and was never sent to the bookstore")]
    [InlineData("shipped", "lost_in_transit", "'lost_in_transit' is not a status of the bookstore's order API")]
    [InlineData("shipped", "pending", "'pending' is not a status of the bookstore's order API")]
    public void A_change_backwards_repeated_after_the_end_or_unknown_stays_in_history_saying_why(string current, string incoming, string why) =>
        Assert.Equal((false, why), (FulfilmentRules.Decide(current, incoming).Moves, FulfilmentRules.Decide(current, incoming).WhyKept?.English));

    [Theory]
    [InlineData("ready_for_pickup", "ready_for_pickup")]
    [InlineData("cancelled", "cancelled")]
    [InlineData("shipped", null)]
    [InlineData("delivered", null)]
    public void Only_ready_for_pickup_and_cancelled_call_for_a_reader_notice(string status, string? notice) =>
        Assert.Equal(notice, FulfilmentRules.NoticeFor(status));
}
