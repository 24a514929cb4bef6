using System.Net;
using Outreach.Dashboard.Staff;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Staff;

/// <summary>Logout, a new password, a new role and disabling end every session of the account, copies of its cookie included.</summary>
public sealed class SessionTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task A_cookie_copied_before_logout_no_longer_works_after_it()
    {
        await CreateAsync("lena", "viewer");
        using var browser = await SignInAsync("lena");
        using var stolen = CopyOf(browser);
        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/runs")).StatusCode);

        using var logout = await browser.SubmitAsync("/", "/logout");

        Assert.True(await IsSignedOutAsync(stolen), "the copied cookie still opens the pages after logout");
    }

    [Fact]
    public async Task A_password_reset_by_an_admin_ends_the_accounts_old_session()
    {
        await CreateAsync("rudi", "operator");
        using var old = await SignInAsync("rudi");
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);

        await admin.SubmitAsync("/staff", "/staff", ("Input.Username", "rudi"), ("Input.Role", "operator"), ("Input.Password", "a brand new password"));

        Assert.True(await IsSignedOutAsync(old), "the session from before the reset still works");
    }

    [Fact]
    public async Task Changing_ones_own_password_ends_every_session_of_the_account()
    {
        await CreateAsync("pia", "viewer");
        using var laptop = await SignInAsync("pia");
        using var phone = await SignInAsync("pia");

        using var wrong = await laptop.SubmitAsync("/account/password", "/account/password",
            ("Input.CurrentPassword", "not my password at all"), ("Input.NewPassword", "pia's new password"), ("Input.Repeat", "pia's new password"));
        Assert.Contains(ResourceText.English<StaffText>(PasswordModel.WrongPassword), await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var changed = await laptop.SubmitAsync("/account/password", "/account/password",
            ("Input.CurrentPassword", Password), ("Input.NewPassword", "pia's new password"), ("Input.Repeat", "pia's new password"));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.True(await IsSignedOutAsync(laptop) && await IsSignedOutAsync(phone), "a session outlived the password change");
        using var again = fixture.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await again.LoginAsync("pia", "pia's new password")).StatusCode);
    }

    [Fact]
    public async Task A_new_role_ends_the_accounts_sessions_and_the_next_login_has_it()
    {
        var id = await CreateAsync("olaf", "viewer");
        using var olaf = await SignInAsync("olaf");
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);

        using var changed = await admin.SubmitAsync("/staff", "/staff?handler=Role", ("id", id), ("role", "operator"));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.True(await IsSignedOutAsync(olaf), "the viewer session outlived the role change");
        using var again = await SignInAsync("olaf");
        Assert.Contains("Run now</button>", await again.PageAsync("/schedules"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_is_signed_out_at_once_cannot_log_in_and_can_be_enabled_again()
    {
        var id = await CreateAsync("dora", "operator");
        using var dora = await SignInAsync("dora");
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);

        using var disabled = await admin.SubmitAsync("/staff", "/staff?handler=Disable", ("id", id));

        Assert.Contains(ResourceText.English<StaffText>(StaffModel.DisabledNotice), await admin.PageAsync("/staff"), StringComparison.Ordinal);
        Assert.True(await IsSignedOutAsync(dora), "the disabled account's session still works");
        using var refused = fixture.NewClient();
        using var attempt = await refused.LoginAsync("dora", Password);
        Assert.Contains(ResourceText.English<StaffText>(LoginModel.LoginRefused), await attempt.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var enabled = await admin.SubmitAsync("/staff", "/staff?handler=Enable", ("id", id));

        using var back = fixture.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await back.LoginAsync("dora", Password)).StatusCode);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE action = 'staff_disabled' AND target = 'staff:' || $1", id));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE action = 'staff_enabled' AND target = 'staff:' || $1", id));
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_disabled_or_demoted()
    {
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);
        var adminId = (await fixture.ScalarAsync("SELECT id FROM outreach.staff WHERE username = $1", TestAccounts.Admin)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await fixture.ExecuteAsync("UPDATE outreach.staff SET disabled = true WHERE role = 'admin' AND username <> $1", TestAccounts.Admin);
        try
        {
            await admin.SubmitAsync("/staff", "/staff?handler=Disable", ("id", adminId));
            Assert.Contains(ResourceText.English<StaffText>(StaffModel.LastAdminNotice), await admin.PageAsync("/staff"), StringComparison.Ordinal);
            await admin.SubmitAsync("/staff", "/staff?handler=Role", ("id", adminId), ("role", "viewer"));
            Assert.Contains(ResourceText.English<StaffText>(StaffModel.LastAdminNotice), await admin.PageAsync("/staff"), StringComparison.Ordinal);
        }
        finally
        {
            await fixture.ExecuteAsync("UPDATE outreach.staff SET disabled = false WHERE role = 'admin'");
        }

        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.staff WHERE username = $1 AND role = 'admin' AND NOT disabled", TestAccounts.Admin));
    }

    private async Task<string> CreateAsync(string username, string role)
    {
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);
        await admin.SubmitAsync("/staff", "/staff", ("Input.Username", username), ("Input.Role", role), ("Input.Password", Password));
        return (await fixture.ScalarAsync("SELECT id FROM outreach.staff WHERE username = $1", username)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<StaffSession> SignInAsync(string username)
    {
        var session = fixture.NewClient();
        using var login = await session.LoginAsync(username, Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return session;
    }

    /// <summary>Another browser holding the same cookies, as a thief with a copy of them would.</summary>
    private StaffSession CopyOf(StaffSession from)
    {
        var copy = fixture.NewClient();
        foreach (var cookie in from.Cookies.GetAllCookies().Cast<Cookie>())
        {
            copy.Cookies.Add(copy.BaseAddress, new Cookie(cookie.Name, cookie.Value, "/"));
        }

        return copy;
    }

    private static async Task<bool> IsSignedOutAsync(StaffSession session)
    {
        using var response = await session.GetAsync("/runs");
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/login";
    }
}
