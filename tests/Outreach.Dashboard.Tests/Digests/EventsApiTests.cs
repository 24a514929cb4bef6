using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Outreach.Dashboard.Tests.Digests;

public sealed class EventsApiTests(DigestDashboardFixture fixture) : IClassFixture<DigestDashboardFixture>
{
    private static readonly string[] ProblemFields = ["kind", "title", "ends_at", "communities"];
    private static readonly string[] UnknownCommunity = ["XX99"];

    private HttpClient Client(string? key = DigestDashboardFixture.ApiKey)
    {
        var client = new HttpClient { BaseAddress = fixture.Host.Address, DefaultRequestHeaders = { AcceptLanguage = { new System.Net.Http.Headers.StringWithQualityHeaderValue("en") } } };
        if (key is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static object Event(string title, string start = "2030-05-01T14:00", string end = "2030-05-01T16:00") => new
    {
        kind = "heritage",
        title,
        summary = "老字号与汉服体验",
        venue = "图书馆一楼大厅",
        starts_at = start,
        ends_at = end,
        communities = new[] { "gl03" },
        capacity = 40,
        registration_url = "https://lib.example.cn/register/9",
    };

    [Fact]
    public async Task Without_a_valid_key_the_api_answers_401()
    {
        using var none = Client(null);
        using var wrong = Client("not-the-key-but-long-enough-0000");

        using var a = await none.GetAsync(new Uri("/api/events", UriKind.Relative));
        using var b = await wrong.PostAsJsonAsync(new Uri("/api/events", UriKind.Relative), Event("x"));

        Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, b.StatusCode);
    }

    [Fact]
    public async Task An_event_is_created_read_changed_and_cancelled_through_the_api()
    {
        using var client = Client();

        using var created = await client.PostAsJsonAsync(new Uri("/api/events", UriKind.Relative), Event("老字号文化日"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal("2030-05-01T14:00:00+08:00", body.GetProperty("starts_at").GetString());
        Assert.Equal("GL03", body.GetProperty("communities")[0].GetString());
        Assert.Equal("api", body.GetProperty("source").GetString());

        using var changed = await client.PutAsJsonAsync(new Uri($"/api/events/{id}", UriKind.Relative), Event("老字号文化日（改期）", "2030-05-02T06:00:00Z", "2030-05-02T08:00:00Z"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var read = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/events/{id}", UriKind.Relative));
        Assert.Equal("老字号文化日（改期）", read.GetProperty("title").GetString());
        Assert.Equal("2030-05-02T14:00:00+08:00", read.GetProperty("starts_at").GetString());

        using var cancelled = await client.DeleteAsync(new Uri($"/api/events/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.events WHERE id = $1 AND cancelled", id));
        using var missing = await client.DeleteAsync(new Uri("/api/events/999999", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_wrong_event_is_refused_naming_each_field()
    {
        using var client = Client();

        using var response = await client.PostAsJsonAsync(new Uri("/api/events", UriKind.Relative), new
        {
            kind = "party",
            title = "",
            starts_at = "2030-05-01T16:00",
            ends_at = "2030-05-01T14:00",
            communities = UnknownCommunity,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems");
        foreach (var field in ProblemFields)
            Assert.True(problems.TryGetProperty(field, out _), $"no problem named for {field}");
    }
}
