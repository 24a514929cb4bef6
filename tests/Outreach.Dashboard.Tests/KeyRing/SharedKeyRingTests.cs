using System.Net;

namespace Outreach.Dashboard.Tests.KeyRing;

public sealed class SharedKeyRingTests(SharedKeyRingFixture fixture) : IClassFixture<SharedKeyRingFixture>
{
    [Fact]
    public async Task A_session_started_on_one_instance_is_signed_in_on_another()
    {
        using var first = await fixture.SignedInAsync(TestAccounts.Viewer);
        using var second = fixture.Second.NewClient();
        CopyCookies(first, second);

        using var home = await second.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM outreach.data_protection_keys") >= 1, "the key ring is not in the database");
    }

    [Fact]
    public async Task A_form_served_by_one_instance_is_accepted_when_posted_to_another()
    {
        using var first = fixture.NewClient();
        var token = Html.FormToken(await first.PageAsync("/login"));
        using var second = fixture.Second.NewClient();
        CopyCookies(first, second);

        using var login = await second.PostFormAsync("/login", Fields(token));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_form_of_another_hubs_dashboard_is_refused()
    {
        // Keys shared by anything but the database (a key folder of the machine) would let this one through too.
        using var first = fixture.NewClient();
        var token = Html.FormToken(await first.PageAsync("/login"));
        using var elsewhere = fixture.Elsewhere.NewClient();
        CopyCookies(first, elsewhere);

        using var login = await elsewhere.PostFormAsync("/login", Fields(token));

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
    }

    [Fact]
    public async Task Logging_out_on_one_instance_ends_the_session_on_every_other()
    {
        using var first = await fixture.SignedInAsync(TestAccounts.Operator);
        using var second = fixture.Second.NewClient();
        CopyCookies(first, second);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/runs")).StatusCode);

        using var logout = await first.SubmitAsync("/", "/logout");

        using var after = await second.GetAsync("/runs");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/login", after.Headers.Location!.AbsolutePath);
    }

    private static KeyValuePair<string, string>[] Fields(string token) =>
    [
        KeyValuePair.Create("Input.Username", TestAccounts.Viewer),
        KeyValuePair.Create("Input.Password", TestAccounts.Password),
        KeyValuePair.Create("__RequestVerificationToken", token),
    ];

    // The browser going through a load balancer: the same cookies, another instance behind it.
    private static void CopyCookies(StaffSession from, StaffSession to)
    {
        foreach (var cookie in from.Cookies.GetAllCookies().Cast<Cookie>())
        {
            to.Cookies.Add(to.BaseAddress, new Cookie(cookie.Name, cookie.Value, "/"));
        }
    }
}
