using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Staff;
using Outreach.Dashboard.Tests.Hosting;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Tests.Staff;

public sealed class LoginTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly string WrongCredentials = ResourceText.English<StaffText>(LoginModel.LoginRefused);

    [Fact]
    public async Task Wrong_password_is_refused_with_a_generic_message()
    {
        using var client = fixture.NewClient();

        using var response = await client.LoginAsync(TestAccounts.Viewer, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WrongCredentials, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(client.Cookies.GetAllCookies(), c => c.Name == "outreach.staff");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Unknown_username_gets_the_same_message_as_a_wrong_password()
    {
        using var client = fixture.NewClient();

        using var response = await client.LoginAsync("nobody-here", TestAccounts.Password);

        Assert.Contains(WrongCredentials, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Right_password_sets_an_http_only_strict_session_cookie_and_opens_the_pages()
    {
        using var client = fixture.NewClient();

        using var response = await client.LoginAsync(TestAccounts.Viewer);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("outreach.staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        foreach (var page in new[] { "/", "/schedules", "/runs", "/hangfire" })
        {
            await client.PageAsync(page);
        }
    }

    [Fact]
    public async Task Login_returns_to_the_page_asked_for_but_never_off_site()
    {
        using var local = fixture.NewClient();
        using var offSite = fixture.NewClient();

        using var toRuns = await local.LoginAsync(TestAccounts.Viewer, returnUrl: "/runs?status=failed");
        using var toElsewhere = await offSite.LoginAsync(TestAccounts.Viewer, returnUrl: "https://evil.example/phish");

        Assert.Equal("/runs?status=failed", toRuns.Headers.Location!.OriginalString);
        Assert.Equal("/", toElsewhere.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        const string username = "locky";
        await fixture.Services.GetRequiredService<StaffStore>()
            .CreateAsync(username, "Locky", StaffRole.Viewer, TestAccounts.Password, null, CancellationToken.None);
        using var client = fixture.NewClient();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await client.LoginAsync(username, "guess number " + attempt);
            Assert.Contains(WrongCredentials, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var right = await client.LoginAsync(username);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(WrongCredentials, await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(client.Cookies.GetAllCookies(), c => c.Name == "outreach.staff");
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.staff WHERE username = $1 AND locked_until > now()", username));
    }

    [Fact]
    public async Task A_locked_account_gets_the_very_page_an_unknown_username_gets()
    {
        const string username = "locked-out";
        await fixture.Services.GetRequiredService<StaffStore>()
            .CreateAsync(username, "Locked", StaffRole.Viewer, TestAccounts.Password, null, CancellationToken.None);
        using var attacker = fixture.NewClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var _ = await attacker.LoginAsync(username, "guess number " + attempt);
        }

        using var locked = await attacker.LoginAsync(username, "one more guess");
        using var unknown = await attacker.LoginAsync("no-such-user", "one more guess");

        // Apart from the antiforgery token and the username typed back into the form, not one character differs.
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(Comparable(await unknown.Content.ReadAsStringAsync(), "no-such-user"), Comparable(await locked.Content.ReadAsStringAsync(), username));
    }

    private static string Comparable(string html, string username) =>
        Regex.Replace(html, "name=\"__RequestVerificationToken\"[^>]*value=\"[^\"]+\"", "token").Replace(username, "<username>", StringComparison.Ordinal);

    [Fact]
    public async Task Login_post_without_the_antiforgery_token_is_rejected()
    {
        using var client = fixture.NewClient();
        await client.PageAsync("/login");

        using var response = await client.PostFormAsync("/login",
            [KeyValuePair.Create("Input.Username", TestAccounts.Viewer), KeyValuePair.Create("Input.Password", TestAccounts.Password)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(client.Cookies.GetAllCookies(), c => c.Name == "outreach.staff");
    }

    [Fact]
    public async Task Logout_is_a_post_that_ends_the_session()
    {
        using var client = await fixture.SignedInAsync(TestAccounts.Viewer);

        using var get = await client.GetAsync("/logout");
        await client.PageAsync("/");
        using var post = await client.SubmitAsync("/", "/logout");

        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/login", post.Headers.Location!.OriginalString);
        using var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/login", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task With_an_https_public_address_the_session_cookie_is_https_only()
    {
        var settings = TestSettings.Dashboard(fixture.ConnectionString);
        settings["Outreach:Dashboard:PublicBaseUrl"] = "https://outreach.example.org";
        await using var host = await DashboardHost.StartAsync(settings);
        using var client = host.NewClient();

        using var response = await client.LoginAsync(TestAccounts.Viewer);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("outreach.staff=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
