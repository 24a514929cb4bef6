using System.Globalization;
using Microsoft.Playwright;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Testing;
using Outreach.Testing.Desk;

namespace Outreach.EndToEnd.Tests.Browser;

/// <summary>
/// A resident calls: "the library said my book is ready, but I got no email". The operator answers from one page: finds
/// the reader by card number, sees the notice that failed, sends it again (for real, to the sandbox's mail catcher), and
/// the admin finds the action on the audit trail.
/// </summary>
public sealed class ReaderDeskCallTests : IAsyncLifetime
{
    private const string Address = "caller@example.test";
    private readonly Chromium _chromium = new();
    private HubWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await HubWorld.StartAsync("desk", new WorldOptions
        {
            Configure = settings => settings["Outreach:Hangfire:AutomaticRetries"] = "0",
            ConfigureWithSandbox = (settings, sandbox) =>
            {
                settings["Outreach:Mail:Host"] = "127.0.0.1";
                settings["Outreach:Mail:Port"] = sandbox.SmtpPort.ToString(CultureInfo.InvariantCulture);
                settings["Outreach:Mail:Security"] = "None";
                settings["Outreach:Mail:From"] = "reading@lib.example.cn";
                settings["Outreach:Mail:FromName"] = "古林镇图书馆";
                settings["Outreach:Mail:MessagesPerSecond"] = "0";
            },
        });
        await _chromium.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task A_residents_call_is_answered_from_one_page_found_by_card_number_the_failed_notice_resent_and_the_audit_entry_present()
    {
        var seeded = await ReaderHistory.SeedAsync(_world.Db, "desk-call", Address);

        await _chromium.RunAsync(_world.Address, "desk-call-operator", async page =>
        {
            await StaffBrowser.LogInAsync(page, TestAccounts.Operator);
            await page.GotoAsync("/readers");
            await page.GetByLabel("Card number, resident id or name").FillAsync(seeded.CardNumber);
            await StaffBrowser.RunAndWaitForLoadAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync());
            await StaffBrowser.RunAndWaitForLoadAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "desk-call" }).ClickAsync());

            var notice = page.Locator("tr.timeline-notice");
            await Assertions.Expect(notice).ToContainTextAsync($"{seeded.OrderRef} 的读者通知（到书可取）：发送失败");
            await StaffBrowser.RunAndWaitForLoadAsync(page, () => notice.GetByRole(AriaRole.Button, new() { Name = ResourceText.English<Dashboard.Readers.ReadersText>("ResendNotice") }).ClickAsync());
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已重新排队发送");

            // The worker sends it to the relay; the page then says so.
            await Eventually.TrueAsync(() => Task.FromResult(_world.Sandbox.Mail.Messages.Any(m => m.To.Contains(Address, StringComparer.OrdinalIgnoreCase))),
                TimeSpan.FromSeconds(60), "the resent notice reaching the mail catcher");
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("tr.timeline-notice")).ToContainTextAsync("已发送");
            await Assertions.Expect(page.GetByText(Address)).ToHaveCountAsync(0);
        });

        Assert.Single(_world.Sandbox.Mail.Messages, m => m.To.Contains(Address, StringComparer.OrdinalIgnoreCase));
        await _chromium.RunAsync(_world.Address, "desk-call-audit", async page =>
        {
            await StaffBrowser.LogInAsync(page, TestAccounts.Admin);
            await page.GotoAsync($"/audit?target=reader:{seeded.ReaderId}");
            var resent = page.Locator("tr", new() { HasText = "notice_resent" });
            await Assertions.Expect(resent).ToHaveCountAsync(1);
            await Assertions.Expect(resent).ToContainTextAsync(TestAccounts.Operator);
            await Assertions.Expect(page.Locator("tr", new() { HasText = "reader_viewed" }).First).ToBeVisibleAsync();
        });
    }
}
