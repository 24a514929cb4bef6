using System.Globalization;
using Microsoft.Playwright;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Testing;
using Outreach.Dashboard.Readers;
using Outreach.Sandbox.Communities;
using Outreach.Testing.Desk;
using Outreach.Worker.Audit;

namespace Outreach.EndToEnd.Tests.Browser;

/// <summary>
/// A resident calls: "the library said my book is ready, but I got no email, and the community says I have no card". The
/// operator answers from one page: finds the reader by the phone the caller gives, sends the failed notice again (for real,
/// to the sandbox's mail catcher) and pushes the card status to the community again (for real, to its simulator), and the
/// admin finds both actions on the audit trail.
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
    public async Task A_residents_call_is_answered_from_one_page_found_by_phone_the_failed_notice_resent_the_card_status_pushed_again_and_the_audit_entries_present()
    {
        var seeded = await ReaderHistory.SeedAsync(_world.Db, "desk-call", Address);
        await ReaderHistory.SeedDeskItemsAsync(_world.Db, seeded, "desk-call");
        // The phone on record as a sync before phone hashes left it; the phone-hashes job hashes it, as after an upgrade.
        await _world.Db.ExecuteAsync("UPDATE outreach.readers SET phone = '13912340042' WHERE id = $1", seeded.ReaderId);
        await _world.WaitForStateAsync(_world.Enqueue("phone-hashes"), "Succeeded");
        // The community knows the resident: it accepts the card status the desk pushes again.
        _world.Sandbox.Communities.Upsert("GL01", new SimResident { ResidentId = "desk-call", Name = "邱叶", WantsLibraryCard = true });
        var confirm = ResourceText.English<ReadersText>("ConfirmAction");

        await _chromium.RunAsync(_world.Address, "desk-call-operator", async page =>
        {
            await StaffBrowser.LogInAsync(page, TestAccounts.Operator);
            await page.GotoAsync("/readers");
            await page.GetByLabel(ResourceText.English<ReadersText>("SearchLabel")).FillAsync("+86 139-1234-0042");
            await StaffBrowser.RunAndWaitForLoadAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync());
            await StaffBrowser.RunAndWaitForLoadAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "desk-call" }).ClickAsync());

            // The staff member reads English: every item in English words, only the data (titles, what a server said) as it is.
            var notice = page.Locator("tr.timeline-notice");
            await Assertions.Expect(notice).ToContainTextAsync(Item("NoticeGivenUp", seeded.OrderRef, Word("NoticeKind.ready_for_pickup")));
            await Assertions.Expect(page.Locator("table.timeline")).ToContainTextAsync(Item("SeatCancelled", "讲座（desk-call）"));
            Assert.Equal("", await ChineseOutsideDataAsync(page));
            await notice.GetByLabel(confirm).CheckAsync();
            await StaffBrowser.RunAndWaitForLoadAsync(page, () => notice.GetByRole(AriaRole.Button, new() { Name = ResourceText.English<ReadersText>("ResendNotice") }).ClickAsync());
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(Before("Desk.resend_notice.Done"));

            // "I have no card": the status the community accepted is pushed again, once, to the community's system.
            var cardStatus = page.Locator("tr.timeline-card_status", new() { Has = page.GetByRole(AriaRole.Button) });
            await cardStatus.GetByLabel(confirm).CheckAsync();
            await StaffBrowser.RunAndWaitForLoadAsync(page, () => cardStatus.GetByRole(AriaRole.Button, new() { Name = ResourceText.English<ReadersText>("PushCardStatus") }).ClickAsync());
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(Before("Desk.push_card_status.Done"));
            await Eventually.TrueAsync(() => Task.FromResult(_world.Sandbox.Communities.CardUpdates("GL01").RequestsPerResident.GetValueOrDefault("desk-call") == 1),
                TimeSpan.FromSeconds(60), "the card status reaching the community");

            // The worker sends the notice to the relay; the page then says so.
            await Eventually.TrueAsync(() => Task.FromResult(_world.Sandbox.Mail.Messages.Any(m => m.To.Contains(Address, StringComparer.OrdinalIgnoreCase))),
                TimeSpan.FromSeconds(60), "the resent notice reaching the mail catcher");
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("tr.timeline-notice")).ToContainTextAsync(Item("NoticeSent", seeded.OrderRef, Word("NoticeKind.ready_for_pickup")));
            await Assertions.Expect(page.Locator("tr.timeline-card_status").First).ToContainTextAsync(Item("CardStatusAccepted", "GL01", Word("CardStatus.active")));
            await Assertions.Expect(page.GetByText(Address)).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByText("13912340042")).ToHaveCountAsync(0);
        });

        Assert.Single(_world.Sandbox.Mail.Messages, m => m.To.Contains(Address, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(1, _world.Sandbox.Communities.CardUpdates("GL01").RequestsPerResident["desk-call"]);
        await _chromium.RunAsync(_world.Address, "desk-call-audit", async page =>
        {
            await StaffBrowser.LogInAsync(page, TestAccounts.Admin);
            await page.GotoAsync($"/audit?target=reader:{seeded.ReaderId}");
            foreach (var action in new[] { AuditActions.NoticeResent, AuditActions.CardStatusPushedAgain })
            {
                var row = page.Locator("tr", new() { HasText = action });
                await Assertions.Expect(row).ToHaveCountAsync(1);
                await Assertions.Expect(row).ToContainTextAsync(TestAccounts.Operator);
            }

            await Assertions.Expect(page.Locator("tr", new() { HasText = "reader_viewed" }).First).ToBeVisibleAsync();
        });

        // A colleague who reads Chinese finds the same record in Chinese.
        await _chromium.RunAsync(_world.Address, "desk-call-chinese", "zh-CN", async page =>
        {
            await StaffBrowser.LogInAsync(page, TestAccounts.Viewer);
            await page.GotoAsync($"/readers/{seeded.ReaderId}");
            await Assertions.Expect(page.Locator("tr.timeline-notice")).ToContainTextAsync($"{seeded.OrderRef} 的读者通知（到书可取）：已发送");
            await Assertions.Expect(page.Locator("tr.timeline-card_status").First).ToContainTextAsync("向社区 GL01 回传证件状态“有效”：");
            await Assertions.Expect(page.Locator("tr.timeline-move")).ToContainTextAsync("从 GL02 迁至 GL01");
            await Assertions.Expect(page.Locator("table.timeline")).ToContainTextAsync("活动《讲座（desk-call）》：报名已取消");
        });
    }

    private static string Item(string sentence, params object[] args) => ResourceText.English<ReadersText>("Timeline." + sentence, args);

    private static string Word(string key) => ResourceText.English<ReadersText>(key);

    // The Chinese characters of the timeline outside what the page marks as data.
    private static Task<string> ChineseOutsideDataAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const copy = document.querySelector('table.timeline').cloneNode(true);
          copy.querySelectorAll('[data-data]').forEach(e => e.remove());
          return (copy.innerText.match(/\p{Script=Han}+/gu) || []).join(' ');
        }
        """);

    // The words of a message before its first argument (the Hangfire job id).
    private static string Before(string key)
    {
        var format = ResourceText.English<ReadersText>(key);
        return format[..format.IndexOf('{', StringComparison.Ordinal)];
    }
}
