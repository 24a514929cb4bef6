using Microsoft.Playwright;

namespace Outreach.EndToEnd.Tests.Browser;

[Collection(BrowserGroup.Name)]
public sealed class LoginPageTests(BrowserWorld browser)
{
    [Fact]
    public async Task A_wrong_password_is_refused_visibly_and_opens_nothing()
    {
        await browser.Chromium.RunAsync(browser.World.Address, nameof(A_wrong_password_is_refused_visibly_and_opens_nothing), async page =>
        {
            await StaffBrowser.LogInAsync(page, TestAccounts.Operator, "not the password at all");

            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(ResourceText.English<Dashboard.Staff.StaffText>(Dashboard.Staff.LoginModel.LoginRefused));
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();
            Assert.DoesNotContain(await page.Context.CookiesAsync(), cookie => cookie.Name == "outreach.staff");
            await page.GotoAsync("/runs");
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?ReturnUrl=%2Fruns$"));
        });
    }
}
