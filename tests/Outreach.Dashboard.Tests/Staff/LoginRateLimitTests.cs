using System.Net;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Staff;

/// <summary>A dashboard that allows three login attempts per minute and address.</summary>
public sealed class RateLimitedDashboardFixture : DashboardFixture
{
    public const int AttemptsPerMinute = 3;

    protected override void AdjustSettings(Dictionary<string, string?> settings) =>
        settings["Outreach:Dashboard:LoginRateLimitPerMinute"] = AttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class LoginRateLimitTests(RateLimitedDashboardFixture fixture) : IClassFixture<RateLimitedDashboardFixture>
{
    [Fact]
    public async Task Too_many_login_attempts_from_one_address_get_429_while_the_form_still_shows()
    {
        using var client = fixture.NewClient();
        for (var attempt = 0; attempt < RateLimitedDashboardFixture.AttemptsPerMinute; attempt++)
        {
            using var allowed = await client.LoginAsync("someone", "guess number " + attempt);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await client.LoginAsync(TestAccounts.Viewer);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many login attempts", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(client.Cookies.GetAllCookies(), c => c.Name == "outreach.staff");
        await client.PageAsync("/login");
    }
}
