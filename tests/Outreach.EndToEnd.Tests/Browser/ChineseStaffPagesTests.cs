using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using Outreach.Dashboard.Readers;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;
using Outreach.Worker.Readers.Sync;
using Outreach.Worker.Staff;

namespace Outreach.EndToEnd.Tests.Browser;

/// <summary>The staff pages as a librarian in Ningbo reads them: Chinese by default, English on request, kept with the account.</summary>
[Collection(BrowserGroup.Name)]
public sealed partial class ChineseStaffPagesTests(BrowserWorld browser)
{
    /// <summary>The pages whose words are in resource files (the others still read in English and are listed in the README).</summary>
    private static readonly string[] TranslatedPages =
        ["/", "/runs", "/schedules", "/sync", "/quarantine", "/readers", "/orders", "/orders/stuck", "/orders/spend", "/orders/new",
            "/orders/import", "/digests", "/digests/events", "/digests/events/edit", "/digests/preview", "/staff", "/account/password"];

    // Words that stay as they are in a Chinese page: product and standard names, codes, and the switch's own "English".
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
        { "Hangfire", "English", "ISBN", "CSV", "HTML", "ISO", "Cron", "Outreach", "Orders", "StuckAfterDays", "UTF", "GB", "Excel", "SMTP" };

    private HubWorld World => browser.World;

    [Fact]
    public async Task Every_translated_page_reads_in_Chinese_outside_data_and_codes_and_is_kept_as_a_1366_px_screenshot()
    {
        var member = await NewAdminAsync("chinese-reader");
        var (refusedRun, heldOrder) = await StoredMessagesAsync();
        var english = new Dictionary<string, string[]>();
        await browser.Chromium.RunAsync(World.Address, nameof(Every_translated_page_reads_in_Chinese_outside_data_and_codes_and_is_kept_as_a_1366_px_screenshot), "zh-CN", async page =>
        {
            await StaffBrowser.LogInAsync(page, member);
            foreach (var path in TranslatedPages)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response?.Ok == true, $"{path} answered {response?.Status}");
                Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
                await ScreenshotAsync(page, "zh-CN", path);
                var words = EnglishWords(await ReadableTextAsync(page)).Where(w => !Allowed.Contains(w)).ToArray();
                if (words.Length > 0)
                {
                    english[path] = words;
                }
            }

            // The stored messages read in Chinese: a refused sync, a quarantined row's reason, a held order's reason.
            await page.GotoAsync("/runs?job=sync");
            await Assertions.Expect(page.Locator($"tr[data-run='{refusedRun}'] td.message")).ToContainTextAsync("的名单被拒绝：这份完整名单将注销");
            await page.GotoAsync("/quarantine");
            await Assertions.Expect(page.Locator("td.reason").Filter(new() { HasText = "duplicate_resident_id" }).First)
                .ToContainTextAsync(ResourceText.Chinese<ReadersText>("Reason.duplicate_resident_id"));
            await page.GotoAsync("/orders");
            await Assertions.Expect(page.Locator($"tr[data-order='{heldOrder}'] .reason")).ToContainTextAsync("图书馆已订购此书");
        });

        Assert.True(english.Count == 0, "English on Chinese pages:\n" + string.Join("\n", english.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
    }

    [Fact]
    public async Task Every_translated_page_reads_in_English_on_request_and_is_kept_as_a_1366_px_screenshot()
    {
        var member = await NewAdminAsync("english-reader");
        var chinese = new Dictionary<string, string>();
        await browser.Chromium.RunAsync(World.Address, nameof(Every_translated_page_reads_in_English_on_request_and_is_kept_as_a_1366_px_screenshot), "en-US", async page =>
        {
            await StaffBrowser.LogInAsync(page, member);
            foreach (var path in TranslatedPages)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response?.Ok == true, $"{path} answered {response?.Status}");
                Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
                await ScreenshotAsync(page, "en", path);
                // Chinese in data (names, titles, venues, event kinds) is expected; the page's own words are not.
                if (ChineseRun().Match(await ReadableTextAsync(page, includeData: false)) is { Success: true } found && found.Value != "中文")
                {
                    chinese[path] = found.Value;
                }
            }
        });

        Assert.True(chinese.Count == 0, "Chinese on English pages:\n" + string.Join("\n", chinese.Select(c => $"{c.Key}: {c.Value}")));
    }

    [Fact]
    public async Task A_librarian_who_switches_to_English_keeps_it_after_logging_out_and_in()
    {
        var member = await NewAdminAsync("switches-language");
        await browser.Chromium.RunAsync(World.Address, nameof(A_librarian_who_switches_to_English_keeps_it_after_logging_out_and_in), "zh-CN", async page =>
        {
            await StaffBrowser.LogInAsync(page, member);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("需要关注的事项");

            await StaffBrowser.RunAndWaitForLoadAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync());
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("What needs attention");
            await StaffBrowser.RunAndWaitForLoadAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync());
            await StaffBrowser.LogInAsync(page, member);

            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("What needs attention");
            Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        });
    }

    // What the hub stores for staff, written as the hub writes it (for GL09, a community no other test counts): the run by the run log with the refusal's message, the
    // quarantined row and the held order with their codes (the order's by the request intake's own words).
    private async Task<(long RefusedRun, string HeldOrder)> StoredMessagesAsync()
    {
        var dataSource = World.Dashboard.Services.GetRequiredService<NpgsqlDataSource>();
        var log = new JobRunLog(dataSource, TimeProvider.System);
        var subject = new RunSubject("sync", "GL09");
        var refused = RunFailures.Classify(new RosterRefusedException("GL09", fullSnapshot: true, 420, 1200, 0.1), subject);
        var runId = await log.StartAsync(subject.Job, subject.Scope, CancellationToken.None);
        await log.FinishAsync(runId, refused.Status, refused.Counts!, refused.Said, CancellationToken.None);
        var held = StaffMessage.Of("Order.Held.OnOrder",
            $"the library already has this title on order ({"BO-2026-900001"}, {"pending"}); staff decide whether to order it twice");
        await using var command = dataSource.CreateCommand("""
            WITH reader AS (
                INSERT INTO outreach.readers (community, resident_id, name, name_masked, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
                VALUES ('GL09', 'stored-messages', '邱叶', '邱*', 'active', true, false, '\x00', now(), now()) RETURNING id),
            card AS (
                INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, updated_at)
                SELECT id, outreach.next_card_number(), 'active', current_date, now() FROM reader RETURNING id, reader_id, card_number),
            quarantined AS (
                INSERT INTO outreach.quarantine (run_id, community, source, row_number, resident_id, reason_code, reason_text, raw_masked, created_at)
                VALUES ($1, 'GL09', 'csv', 7, 'R-7', 'duplicate_resident_id', 'The same resident_id appears earlier in this roster (row 3).', 'R-7,邱*', now()))
            INSERT INTO outreach.book_orders (order_ref, reader_id, card_id, card_number, community, isbn13, title, quantity, unit_price, budget_code,
                budget_month, deliver_kind, source, source_name, status, status_reason, status_reason_code, status_reason_args, created_at, status_changed_at)
            SELECT 'BO-2026-900002', reader_id, id, card_number, 'GL09', '9787020002207', '红楼梦', 1, 45, 'SOC-2026', date_trunc('month', now())::date,
                   'library_desk', 'staff', 'test', 'held', $2, $3, $4::jsonb, now(), now()
            FROM card RETURNING order_ref
            """);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(held.English);
        command.Parameters.AddWithValue(held.Code);
        command.Parameters.AddWithValue(held.ArgsJson);
        return (runId, (string)(await command.ExecuteScalarAsync())!);
    }

    private async Task<string> NewAdminAsync(string username)
    {
        await World.Dashboard.Services.GetRequiredService<StaffStore>()
            .CreateAsync(username, username, StaffRole.Admin, TestAccounts.Password, null, CancellationToken.None);
        return username;
    }

    private static async Task ScreenshotAsync(IPage page, string language, string path)
    {
        var folder = Path.Combine(Chromium.ScreenshotFolder, "pages", language);
        Directory.CreateDirectory(folder);
        var name = path == "/" ? "home" : path.Trim('/').Replace('/', '-');
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    // The page's own words: what a reader sees, without codes, data (masked rows, a stored message's arguments, a message
    // stored before the codes) and, for the English check, without the cells that hold names and titles.
    private static Task<string> ReadableTextAsync(IPage page, bool includeData = true) => page.EvaluateAsync<string>("""
        includeData => {
          const copy = document.body.cloneNode(true);
          const data = 'code, pre, td.raw, iframe, option, .session span, [data-data]';
          copy.querySelectorAll(includeData ? data : data + ', td, p strong, h1').forEach(e => e.remove());
          return copy.innerText;
        }
        """, includeData);

    private static IEnumerable<string> EnglishWords(string text) => EnglishWord().Matches(text).Select(m => m.Value).Distinct();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex ChineseRun();
}
