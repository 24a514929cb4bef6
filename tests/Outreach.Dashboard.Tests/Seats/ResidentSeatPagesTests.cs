using System.Net;

namespace Outreach.Dashboard.Tests.Seats;

public sealed class ResidentSeatPagesTests(SeatsDashboardFixture fixture) : IClassFixture<SeatsDashboardFixture>
{
    private static KeyValuePair<string, string>[] Act(string action, string guests = "0") =>
        [KeyValuePair.Create("action", action), KeyValuePair.Create("guests", guests)];

    [Fact]
    public async Task The_digest_link_shows_the_event_and_a_confirm_button_and_registers_nobody_until_the_reader_posts()
    {
        var (reader, _) = await fixture.ReaderAsync(1);
        var eventId = await fixture.EventAsync(10);
        var link = $"/unsubscribe/{fixture.Tokens.ForReader(reader)}/seats/{eventId}";
        using var resident = fixture.NewClient();

        var page = await resident.PageAsync(link);
        Assert.Contains("影评沙龙：城南旧事", page, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"{link}\">", page, StringComparison.Ordinal);
        Assert.Contains("确认报名", page, StringComparison.Ordinal);
        Assert.Equal("none", await fixture.StatusAsync(eventId, reader));

        using var registered = await resident.PostFormAsync(link, Act("register", "2"));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Contains("报名成功", await registered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var again = await resident.PostFormAsync(link, Act("register", "2"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(3, await fixture.SeatsHeldAsync(eventId));
        Assert.Contains("取消报名", await resident.PageAsync(link), StringComparison.Ordinal);

        using var cancelled = await resident.PostFormAsync(link, Act("cancel"));
        Assert.Contains("已取消报名", await cancelled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("cancelled", await fixture.StatusAsync(eventId, reader));
        Assert.Equal(0, await fixture.SeatsHeldAsync(eventId));
    }

    [Fact]
    public async Task Bad_requests_on_the_digest_link_get_a_clear_4xx_and_change_nothing()
    {
        var (reader, _) = await fixture.ReaderAsync(2);
        var eventId = await fixture.EventAsync(10);
        var token = fixture.Tokens.ForReader(reader);
        var edited = token[..^3] + (token[^3] == 'a' ? 'b' : 'a') + token[^2..];
        using var resident = fixture.NewClient();

        using var forged = await resident.PostFormAsync($"/unsubscribe/{edited}/seats/{eventId}", Act("register"));
        using var tooMany = await resident.PostFormAsync($"/unsubscribe/{token}/seats/{eventId}", Act("register", "3"));
        using var notANumber = await resident.PostFormAsync($"/unsubscribe/{token}/seats/{eventId}", Act("register", "两"));
        using var noAction = await resident.PostFormAsync($"/unsubscribe/{token}/seats/{eventId}", []);
        using var noEvent = await resident.GetAsync($"/unsubscribe/{token}/seats/999999");

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noAction.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noEvent.StatusCode);
        Assert.Equal("none", await fixture.StatusAsync(eventId, reader));
    }

    [Fact]
    public async Task The_public_page_registers_with_the_card_and_the_phone_digits_refuses_bad_input_and_limits_attempts()
    {
        var (reader, card) = await fixture.ReaderAsync(3);
        var eventId = await fixture.EventAsync(10);
        var page = $"/events/{eventId}";
        using var resident = fixture.NewClient();
        KeyValuePair<string, string>[] Form(string cardNumber, string digits) =>
            [KeyValuePair.Create("card", cardNumber), KeyValuePair.Create("phone4", digits), KeyValuePair.Create("guests", "0")];

        Assert.Contains("阅览证号", await resident.PageAsync(page), StringComparison.Ordinal);
        using var malformed = await resident.PostFormAsync(page, Form("12345", "0003"));
        using var wrongDigits = await resident.PostFormAsync(page, Form(card, "9999"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongDigits.StatusCode);
        Assert.Equal("none", await fixture.StatusAsync(eventId, reader));

        using var registered = await resident.PostFormAsync(page, Form(card.ToLowerInvariant(), "0003"));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Contains("报名成功", await registered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("registered", await fixture.StatusAsync(eventId, reader));

        // Three attempts so far; the rest of the minute's allowance, then 429.
        for (var i = 3; i < SeatsDashboardFixture.PublicAttemptsPerMinute; i++)
        {
            using var wrong = await resident.PostFormAsync(page, Form(card, "1111"));
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        using var limited = await resident.PostFormAsync(page, Form(card, "0003"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("请一分钟后再试", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
