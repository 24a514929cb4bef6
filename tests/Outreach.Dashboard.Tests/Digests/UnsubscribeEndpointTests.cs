using System.Net;

namespace Outreach.Dashboard.Tests.Digests;

public sealed class UnsubscribeEndpointTests(DigestDashboardFixture fixture) : IClassFixture<DigestDashboardFixture>
{
    private static readonly KeyValuePair<string, string>[] OneClick = [KeyValuePair.Create("List-Unsubscribe", "One-Click")];

    private Task<long> UnsubscribedAsync(long readerId) =>
        fixture.ScalarAsync("SELECT count(*) FROM outreach.mail_preferences WHERE reader_id = $1 AND unsubscribed_at IS NOT NULL", readerId);

    [Fact]
    public async Task Opening_the_link_shows_a_confirmation_with_a_button_and_unsubscribes_nobody()
    {
        var reader = (await fixture.AddReadersAsync("GL03", 100, 1))[0];
        var token = fixture.Tokens.ForReader(reader);
        using var resident = fixture.NewClient();

        var page = await resident.PageAsync($"/unsubscribe/{token}");

        Assert.Contains($"<form method=\"post\" action=\"/unsubscribe/{token}\"><button type=\"submit\">确认退订</button>", page, StringComparison.Ordinal);
        Assert.Equal(0, await UnsubscribedAsync(reader));
    }

    [Fact]
    public async Task A_one_click_post_unsubscribes_at_once_without_login_or_redirect_and_again_changes_nothing()
    {
        var reader = (await fixture.AddReadersAsync("GL03", 200, 1))[0];
        var token = fixture.Tokens.ForReader(reader);
        using var mailProvider = fixture.NewClient();

        using var first = await mailProvider.PostFormAsync($"/unsubscribe/{token}", OneClick);
        var firstAt = await fixture.ScalarAsync("SELECT extract(epoch FROM unsubscribed_at)::bigint FROM outreach.mail_preferences WHERE reader_id = $1", reader);
        using var second = await mailProvider.PostFormAsync($"/unsubscribe/{token}", OneClick);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Headers.Location);
        Assert.Contains("已退订", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, await UnsubscribedAsync(reader));
        Assert.Equal(firstAt, await fixture.ScalarAsync("SELECT extract(epoch FROM unsubscribed_at)::bigint FROM outreach.mail_preferences WHERE reader_id = $1", reader));
    }

    [Fact]
    public async Task A_forged_or_edited_token_is_refused_and_unsubscribes_nobody()
    {
        var readers = await fixture.AddReadersAsync("GL03", 300, 2);
        var token = fixture.Tokens.ForReader(readers[0]);
        var edited = token[..^3] + (token[^3] == 'a' ? 'b' : 'a') + token[^2..];
        using var attacker = fixture.NewClient();

        foreach (var forged in new[] { edited, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", readers[1].ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            using var post = await attacker.PostFormAsync($"/unsubscribe/{forged}", OneClick);
            using var get = await attacker.GetAsync($"/unsubscribe/{forged}");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        }

        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outreach.mail_preferences WHERE reader_id = ANY ($1)", readers.ToArray()));
    }

    [Fact]
    public async Task The_preferences_page_saves_the_kinds_a_reader_wants()
    {
        var reader = (await fixture.AddReadersAsync("GL03", 400, 1))[0];
        var token = fixture.Tokens.ForReader(reader);
        using var resident = fixture.NewClient();

        var page = await resident.PageAsync($"/unsubscribe/{token}/preferences");
        using var saved = await resident.PostFormAsync($"/unsubscribe/{token}/preferences",
            [KeyValuePair.Create("kind", "film_salon"), KeyValuePair.Create("kind", "lecture")]);

        Assert.Contains("value=\"heritage\" checked", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("film_salon,lecture", await fixture.Get<Npgsql.NpgsqlDataSource>().CreateCommand(
            $"SELECT array_to_string(kinds, ',') FROM outreach.mail_preferences WHERE reader_id = {reader}").ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_empty_save_never_subscribes_an_unsubscribed_reader_again()
    {
        var reader = (await fixture.AddReadersAsync("GL03", 500, 1))[0];
        var token = fixture.Tokens.ForReader(reader);
        using var resident = fixture.NewClient();
        using var unsubscribed = await resident.PostFormAsync($"/unsubscribe/{token}", OneClick);

        using var empty = await resident.PostFormAsync($"/unsubscribe/{token}/preferences", []);
        using var bare = await resident.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/unsubscribe/{token}/preferences"));
        using var kindsOnly = await resident.PostFormAsync($"/unsubscribe/{token}/preferences", [KeyValuePair.Create("kind", "lecture")]);

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Contains("您仍处于退订状态", await kindsOnly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await UnsubscribedAsync(reader));
        Assert.Contains("name=\"resubscribe\"", await resident.PageAsync($"/unsubscribe/{token}/preferences"), StringComparison.Ordinal);

        using var again = await resident.PostFormAsync($"/unsubscribe/{token}/preferences",
            [KeyValuePair.Create("kind", "lecture"), KeyValuePair.Create("resubscribe", "yes")]);

        Assert.Equal(0, await UnsubscribedAsync(reader));
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach.mail_consents WHERE reader_id = $1 AND source = 'preferences_page' AND subscribed AND kinds = '{lecture}'", reader));
    }

    [Fact]
    public async Task Saving_with_no_box_ticked_chooses_no_kind_of_event()
    {
        var reader = (await fixture.AddReadersAsync("GL03", 600, 1))[0];
        var token = fixture.Tokens.ForReader(reader);
        using var resident = fixture.NewClient();

        using var saved = await resident.PostFormAsync($"/unsubscribe/{token}/preferences", []);

        Assert.Contains("不会收到活动周报", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.mail_preferences WHERE reader_id = $1 AND kinds = '{}'", reader));
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach.mail_consents WHERE reader_id = $1 AND source = 'preferences_page' AND NOT subscribed", reader));
    }

    [Fact]
    public async Task A_link_from_a_staff_test_message_changes_nothing()
    {
        using var client = fixture.NewClient();

        using var response = await client.PostFormAsync($"/unsubscribe/{fixture.Tokens.ForReader(0)}", OneClick);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("测试邮件", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outreach.mail_preferences WHERE reader_id = 0"));
    }
}
