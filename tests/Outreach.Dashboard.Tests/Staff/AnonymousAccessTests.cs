using System.Net;
using System.Web;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Staff;

public sealed class AnonymousAccessTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/schedules")]
    [InlineData("/runs")]
    [InlineData("/staff")]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/failed")]
    [InlineData("/not-a-page")]
    public async Task Anonymous_request_for_a_staff_page_is_redirected_to_login(string path)
    {
        using var client = fixture.NewClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/login", location.AbsolutePath);
        Assert.Equal(path, HttpUtility.ParseQueryString(location.Query)["ReturnUrl"]);
    }

    [Theory]
    [InlineData("/api/anything")]
    [InlineData("/api/v1/readers/42")]
    [InlineData("/webhooks/bookstore")]
    public async Task Anonymous_api_request_gets_401_without_a_redirect(string path)
    {
        using var client = fixture.NewClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Anonymous_post_to_hangfire_is_sent_to_login()
    {
        using var client = fixture.NewClient();

        using var response = await client.PostFormAsync("/hangfire/jobs/failed/requeue", [KeyValuePair.Create("jobs[]", "1")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Login_page_and_stylesheet_need_no_login()
    {
        using var client = fixture.NewClient();

        var login = await client.PageAsync("/login");
        using var css = await client.GetAsync("/css/site.css");

        Assert.Contains("Staff login", login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Staff_pages_forbid_framing_and_content_sniffing()
    {
        using var client = fixture.NewClient();

        using var response = await client.GetAsync("/login");

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
