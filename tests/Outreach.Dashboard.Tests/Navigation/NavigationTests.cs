using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Navigation;

public sealed class NavigationTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/hangfire")]
    public async Task Hub_pages_and_hangfire_link_to_the_same_staff_pages(string page)
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var html = await viewer.PageAsync(page);

        Assert.Contains("href=\"/schedules\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/runs\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/staff\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/hangfire")]
    public async Task Admins_also_see_the_staff_page_in_both_menus(string page)
    {
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);

        var html = await admin.PageAsync(page);

        Assert.Contains("href=\"/staff\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_pages_link_to_the_hangfire_dashboard()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var html = await viewer.PageAsync("/runs");

        Assert.Contains("href=\"/hangfire\"", html, StringComparison.Ordinal);
    }
}
