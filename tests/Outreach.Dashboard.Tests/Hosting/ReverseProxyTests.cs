using System.Net;
using Outreach.Dashboard.Hangfire;

namespace Outreach.Dashboard.Tests.Hosting;

/// <summary>The dashboard behind the reverse proxy of deploy/README.md: the proxy on this machine, an https public address.</summary>
public sealed class ProxiedDashboardFixture : DashboardFixture
{
    public const int AttemptsPerMinute = 3;

    protected override void AdjustSettings(Dictionary<string, string?> settings)
    {
        settings["Outreach:Dashboard:LoginRateLimitPerMinute"] = AttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Outreach:Dashboard:KnownProxies:0"] = "127.0.0.1";
        settings["Outreach:Dashboard:PublicBaseUrl"] = "https://outreach.example.org";
    }
}

public sealed class ReverseProxyTests(ProxiedDashboardFixture fixture) : IClassFixture<ProxiedDashboardFixture>
{
    [Fact]
    public async Task The_login_rate_limit_counts_each_client_behind_the_proxy_on_its_own()
    {
        using var attacker = fixture.NewClient();
        using var librarian = fixture.NewClient();
        for (var attempt = 0; attempt < ProxiedDashboardFixture.AttemptsPerMinute; attempt++)
        {
            using var allowed = await LoginAsync(attacker, "203.0.113.7", "nobody", "guess " + attempt);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await LoginAsync(attacker, "203.0.113.7", "nobody", "one guess too many");
        using var meanwhile = await LoginAsync(librarian, "198.51.100.20", TestAccounts.Viewer, TestAccounts.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, meanwhile.StatusCode);
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach.audit_log WHERE action = 'login' AND actor = $1 AND client_address = '198.51.100.20'", TestAccounts.Viewer));
    }

    [Fact]
    public async Task Behind_https_every_answer_carries_strict_transport_security()
    {
        using var client = fixture.NewClient();

        using var viaProxy = await GetAsync(client, "/login", ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "198.51.100.21"));
        using var plain = await GetAsync(client, "/login");

        Assert.Equal("max-age=31536000", viaProxy.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    private static async Task<HttpResponseMessage> LoginAsync(StaffSession session, string clientAddress, string username, string password)
    {
        using var form = await GetAsync(session, "/login", ("X-Forwarded-For", clientAddress));
        var token = Html.FormToken(await form.Content.ReadAsStringAsync());
        return await session.PostFormAsync("/login",
            [KeyValuePair.Create("Input.Username", username), KeyValuePair.Create("Input.Password", password), KeyValuePair.Create("__RequestVerificationToken", token)],
            new Dictionary<string, string> { ["X-Forwarded-For"] = clientAddress });
    }

    private static Task<HttpResponseMessage> GetAsync(StaffSession session, string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return session.SendAsync(request);
    }
}

/// <summary>A dashboard reached directly, trusting no proxy: whoever sends X-Forwarded-For does not become someone else.</summary>
public sealed class DirectDashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Hangfire_pages_cannot_be_framed()
    {
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);

        foreach (var path in new[] { HangfireDashboard.Path, HangfireDashboard.FailedJobs, HangfireDashboard.Path + "/recurring" })
        {
            using var page = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var policy = page.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
            Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_sender_are_ignored()
    {
        using var client = fixture.NewClient();
        var token = Html.FormToken(await client.PageAsync("/login"));

        using var attempt = await client.PostFormAsync("/login",
            [KeyValuePair.Create("Input.Username", TestAccounts.Operator), KeyValuePair.Create("Input.Password", "wrong password here"),
             KeyValuePair.Create("__RequestVerificationToken", token)],
            new Dictionary<string, string> { ["X-Forwarded-For"] = "192.0.2.99" });

        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE client_address = '192.0.2.99'"));
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach.audit_log WHERE action = 'login_failed' AND actor = $1 AND client_address = '127.0.0.1'", TestAccounts.Operator));
    }
}
