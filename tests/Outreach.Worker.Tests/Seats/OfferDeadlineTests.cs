using Outreach.Worker.Seats;
using Outreach.Worker.Seats.Offers;

namespace Outreach.Worker.Tests.Seats;

public sealed class OfferDeadlineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly SeatsOptions Options = new() { OfferHours = 24, OfferCutoffHours = 2 };

    [Fact]
    public void An_offer_runs_the_configured_hours_when_the_event_is_far_enough() =>
        Assert.Equal(Now.AddHours(24), OfferDeadline.For(Now, Now.AddDays(3), Options));

    [Fact]
    public void An_offer_ends_at_the_cutoff_before_the_start_when_that_comes_first() =>
        Assert.Equal(Now.AddHours(8), OfferDeadline.For(Now, Now.AddHours(10), Options));

    [Fact]
    public void No_offer_is_made_once_the_cutoff_has_passed() =>
        Assert.Null(OfferDeadline.For(Now, Now.AddHours(2), Options));
}
