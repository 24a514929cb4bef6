using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Hangfire;
using Outreach.Dashboard.Localization;
using Outreach.Dashboard.Staff;
using Outreach.Dashboard.Tests.Hosting;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Tests.Localization;

public sealed class LanguageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Theory]
    [InlineData(null, "zh-Hans", "员工登录")]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN", "员工登录")]
    [InlineData("zh-Hans", "zh-Hans", "员工登录")]
    [InlineData("en-US,en;q=0.9", "en", "Staff login")]
    [InlineData("fr-FR", "zh-Hans", "员工登录")]
    public async Task Before_login_the_browser_language_decides_and_Chinese_is_the_default(string? acceptLanguage, string lang, string heading)
    {
        using var visitor = fixture.NewClient(acceptLanguage);

        var html = await visitor.PageAsync("/login");

        Assert.Contains($"<html lang=\"{lang}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_member_who_chooses_English_keeps_it_in_every_later_session_whatever_the_browser_says()
    {
        var directory = fixture.Services.GetRequiredService<StaffStore>();
        var member = await directory.CreateAsync("language-chooser", "Chooser", StaffRole.Viewer, TestAccounts.Password, null, CancellationToken.None);
        using (var chinese = await fixture.NewClient("zh-CN").SignedInAsync(member.Username))
        {
            Assert.Contains("<html lang=\"zh-CN\">", await chinese.PageAsync("/runs"), StringComparison.Ordinal);

            using var switched = await chinese.SubmitAsync("/runs", AnonymousRoutes.Language, ("language", StaffLanguages.English), ("returnUrl", "/runs?status=failed"));

            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
            Assert.Equal("/runs?status=failed", switched.Headers.Location!.OriginalString);
            Assert.Contains("<html lang=\"en\">", await chinese.PageAsync("/runs"), StringComparison.Ordinal);
            using var logout = await chinese.SubmitAsync("/", "/logout");
        }

        Assert.Equal("en", (await directory.FindActiveAsync(member.Id, CancellationToken.None))!.Language);
        using var nextDay = await fixture.NewClient("zh-CN").SignedInAsync(member.Username);
        Assert.Contains("<html lang=\"en\">", await nextDay.PageAsync("/"), StringComparison.Ordinal);

        using var back = await nextDay.SubmitAsync("/", AnonymousRoutes.Language, ("language", StaffLanguages.Chinese), ("returnUrl", "/"));
        Assert.Contains("<html lang=\"zh-Hans\">", await nextDay.PageAsync("/"), StringComparison.Ordinal);
        Assert.Equal(StaffLanguages.Chinese, (await directory.FindActiveAsync(member.Id, CancellationToken.None))!.Language);
    }

    [Fact]
    public async Task The_switch_before_login_holds_on_the_login_page_in_a_cookie()
    {
        using var visitor = fixture.NewClient("zh-CN");

        using var switched = await visitor.SubmitAsync("/login", AnonymousRoutes.Language, ("language", StaffLanguages.English), ("returnUrl", "/login"));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var cookie = switched.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(StaffCultures.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h1>Staff login</h1>", await visitor.PageAsync("/login"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("")]
    public async Task An_unknown_language_or_a_switch_without_its_token_is_refused(string language)
    {
        using var visitor = fixture.NewClient("zh-CN");

        using var unknown = await visitor.SubmitAsync("/login", AnonymousRoutes.Language, ("language", language), ("returnUrl", "/"));
        using var forged = await visitor.PostFormAsync(AnonymousRoutes.Language, [KeyValuePair.Create("language", StaffLanguages.English)]);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task An_off_site_return_address_goes_home_instead()
    {
        using var visitor = fixture.NewClient("zh-CN");

        using var switched = await visitor.SubmitAsync("/login", AnonymousRoutes.Language, ("language", StaffLanguages.English), ("returnUrl", "//evil.example/"));

        Assert.Equal("/", switched.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Hangfires_dashboard_speaks_the_request_language_with_its_own_translations()
    {
        using var chinese = await fixture.NewClient("zh-CN").SignedInAsync(TestAccounts.Viewer);
        using var english = await fixture.SignedInAsync(TestAccounts.Viewer);

        var zh = await chinese.PageAsync("/hangfire");
        var en = await english.PageAsync("/hangfire");

        Assert.Contains("实时图表走势", zh, StringComparison.Ordinal);
        Assert.Contains("运行记录", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("实时图表走势", en, StringComparison.Ordinal);
        Assert.DoesNotContain("运行记录", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hangfires_recurring_jobs_page_tells_staff_the_schedules_live_on_the_hubs_page()
    {
        using var chinese = await fixture.NewClient("zh-CN").SignedInAsync(TestAccounts.Viewer);

        var recurring = await chinese.PageAsync(HangfireDashboard.RecurringJobs);

        Assert.Contains("id=\"hub-schedules-note\"", recurring, StringComparison.Ordinal);
        Assert.Contains("href=\"/schedules\"", recurring, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Chinese<Dashboard.Schedules.ScheduleText>("HangfireRecurringNote"), recurring, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_pages_read_in_Chinese_with_library_dates_and_jobs_by_name()
    {
        using var chinese = await fixture.NewClient("zh-CN").SignedInAsync(TestAccounts.Viewer);

        var schedules = await chinese.PageAsync("/schedules");
        var runs = await chinese.PageAsync("/runs");

        Assert.Contains("<h1>计划任务</h1>", schedules, StringComparison.Ordinal);
        Assert.Matches(@"<li>\d{4}年\d{1,2}月\d{1,2}日 周[一二三四五六日] \d\d:\d\d</li>", schedules);
        Assert.Contains("<h1>运行记录</h1>", runs, StringComparison.Ordinal);
        Assert.Contains(">全部任务<", runs, StringComparison.Ordinal);
    }
}
