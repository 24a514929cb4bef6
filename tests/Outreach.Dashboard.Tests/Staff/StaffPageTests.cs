using System.Net;
using Outreach.Dashboard.Staff;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Staff;

public sealed class StaffPageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Admin_creates_an_account_that_can_then_log_in()
    {
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);

        using var response = await SaveAsync(admin, "newbie", "operator", "a long enough password");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await admin.PageAsync("/staff");
        Assert.Contains(ResourceText.English<StaffText>(Dashboard.Staff.StaffModel.SavedNotice), list, StringComparison.Ordinal);
        Assert.Contains("<td data-data>newbie</td>", list, StringComparison.Ordinal);
        using var newbie = fixture.NewClient();
        using var login = await newbie.LoginAsync("newbie", "a long enough password");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("Run now</button>", await newbie.PageAsync("/schedules"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_shorter_than_twelve_characters_is_refused()
    {
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);

        using var response = await SaveAsync(admin, "shorty", "viewer", "too short");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least 12 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outreach.staff WHERE username = 'shorty'"));
    }

    [Fact]
    public async Task Resetting_an_accounts_password_ends_the_session_already_open()
    {
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);
        await SaveAsync(admin, "carl", "viewer", "carl's first password");
        using var carl = fixture.NewClient();
        using var login = await carl.LoginAsync("carl", "carl's first password");
        Assert.DoesNotContain("Run now</button>", await carl.PageAsync("/schedules"), StringComparison.Ordinal);

        await SaveAsync(admin, "carl", "operator", "carl's second password");

        using var after = await carl.GetAsync("/schedules");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        using var again = await carl.LoginAsync("carl", "carl's second password");
        Assert.Contains("Run now</button>", await carl.PageAsync("/schedules"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestAccounts.Operator)]
    [InlineData(TestAccounts.Viewer)]
    public async Task Only_admins_may_open_the_staff_page_or_save_accounts(string username)
    {
        using var client = await fixture.SignedInAsync(username);

        using var get = await client.GetAsync("/staff");
        using var post = await client.SubmitAsync("/", "/staff",
            ("Input.Username", "sneaky"), ("Input.Role", "admin"), ("Input.Password", "a long enough password"));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outreach.staff WHERE username = 'sneaky'"));
    }

    private static Task<HttpResponseMessage> SaveAsync(StaffSession admin, string username, string role, string password) =>
        admin.SubmitAsync("/staff", "/staff",
            ("Input.Username", username), ("Input.DisplayName", username.ToUpperInvariant()), ("Input.Role", role),
            ("Input.Email", $"{username}@library.example"), ("Input.Password", password));
}
