using System.Globalization;
using System.Net;
using Outreach.Dashboard.Seats;

namespace Outreach.Dashboard.Tests.Seats;

public sealed class CheckInPagesTests(SeatsDashboardFixture fixture) : IClassFixture<SeatsDashboardFixture>
{
    [Fact]
    public async Task Staff_check_a_walk_in_in_by_card_and_a_second_check_in_says_so_without_counting_twice()
    {
        var (reader, card) = await fixture.ReaderAsync(20);
        var eventId = await fixture.EventAsync(10, "读书会：围城");
        using var door = await fixture.SignedInAsync(TestAccounts.Operator);
        var page = $"/seats/{eventId}/checkin";

        Assert.Contains("读书会：围城", await door.PageAsync(page), StringComparison.Ordinal);
        using var first = await door.SubmitAsync(page, page, ("Card", card));
        using var second = await door.SubmitAsync(page, page, ("Card", card));
        using var unknown = await door.SubmitAsync(page, page, ("Card", "ZB0000000000"));

        Assert.Contains(Result("Result.WalkIn", card), await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var again = await second.Content.ReadAsStringAsync();
        Assert.Contains(Result("Result.AlreadyIn", card), again, StringComparison.Ordinal);
        Assert.DoesNotContain(card, again, StringComparison.Ordinal);
        Assert.Contains(ResourceText.English<SeatsText>("Result.UnknownCard"), await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.activities WHERE event_id = $1 AND reader_id = $2", eventId, reader));
    }

    [Fact]
    public async Task A_viewer_sees_the_page_but_cannot_check_anyone_in_and_the_scanned_code_page_needs_a_login()
    {
        var (reader, card) = await fixture.ReaderAsync(21);
        var eventId = await fixture.EventAsync(10);
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);
        using var stranger = fixture.NewClient();

        Assert.DoesNotContain("name=\"Card\"", await viewer.PageAsync($"/seats/{eventId}/checkin"), StringComparison.Ordinal);
        using var anonymous = await stranger.GetAsync($"/seats/checkin/{fixture.Tokens.ForCheckIn(1)}");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outreach.seat_registrations WHERE reader_id = $1", reader));
        Assert.NotEmpty(card);
    }

    // The words the door reads for the fixture's reader (masked 座*), as the page encodes them.
    private static string Result(string key, string card) =>
        WebUtility.HtmlEncode(string.Format(CultureInfo.InvariantCulture, ResourceText.English<SeatsText>(key), "座*", card[^4..]));
}
