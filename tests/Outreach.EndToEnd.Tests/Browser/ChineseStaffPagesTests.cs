using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.EndToEnd.Tests.Hosting;
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
        { "Hangfire", "English", "ISBN", "CSV", "HTML", "ISO", "Cron", "Outreach", "Orders", "StuckAfterDays", "UTF", "GB", "Excel" };

    private HubWorld World => browser.World;

    [Fact]
    public async Task Every_translated_page_reads_in_Chinese_outside_data_and_codes_and_is_kept_as_a_1366_px_screenshot()
    {
        var member = await NewAdminAsync("chinese-reader");
        var pages = await WithSeatPagesAsync();
        var english = new Dictionary<string, string[]>();
        await browser.Chromium.RunAsync(World.Address, nameof(Every_translated_page_reads_in_Chinese_outside_data_and_codes_and_is_kept_as_a_1366_px_screenshot), "zh-CN", async page =>
        {
            await StaffBrowser.LogInAsync(page, member);
            foreach (var path in pages)
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
        });

        Assert.True(english.Count == 0, "English on Chinese pages:\n" + string.Join("\n", english.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
    }

    [Fact]
    public async Task Every_translated_page_reads_in_English_on_request_and_is_kept_as_a_1366_px_screenshot()
    {
        var member = await NewAdminAsync("english-reader");
        var pages = await WithSeatPagesAsync();
        var chinese = new Dictionary<string, string>();
        await browser.Chromium.RunAsync(World.Address, nameof(Every_translated_page_reads_in_English_on_request_and_is_kept_as_a_1366_px_screenshot), "en-US", async page =>
        {
            await StaffBrowser.LogInAsync(page, member);
            foreach (var path in pages)
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

    private async Task<string> NewAdminAsync(string username)
    {
        await World.Dashboard.Services.GetRequiredService<StaffStore>()
            .CreateAsync(username, username, StaffRole.Admin, TestAccounts.Password, null, CancellationToken.None);
        return username;
    }

    // The seats pages of an event with seats (the list, its page and its door), which need one to exist.
    private async Task<string[]> WithSeatPagesAsync()
    {
        var seated = await DigestMailing.AddEventAsync(World, "GL01", "微讲堂：宁波老城的故事");
        return [.. TranslatedPages, "/seats", $"/seats/{seated.Id}", $"/seats/{seated.Id}/checkin"];
    }

    private static async Task ScreenshotAsync(IPage page, string language, string path)
    {
        var folder = Path.Combine(Chromium.ScreenshotFolder, "pages", language);
        Directory.CreateDirectory(folder);
        var name = path == "/" ? "home" : path.Trim('/').Replace('/', '-');
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    // The page's own words: what a reader sees, without codes, data cells (messages as stored, masked rows) and, for
    // the English check, without the cells that hold names and titles.
    private static Task<string> ReadableTextAsync(IPage page, bool includeData = true) => page.EvaluateAsync<string>("""
        includeData => {
          const copy = document.body.cloneNode(true);
          const data = 'code, pre, td.message, td.raw, td.reason, iframe, option, .session span, [data-data]';
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
