using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using Outreach.Dashboard.Hangfire;
using Outreach.Dashboard.Messages;
using Outreach.Dashboard.Readers;
using Outreach.Dashboard.Staff;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.EndToEnd.Tests.Security;
using Outreach.Integrations.Communities;
using Outreach.Testing.Desk;
using Outreach.Worker.Audit;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;
using Outreach.Worker.Privacy;
using Outreach.Worker.Readers.Sync;
using Outreach.Worker.Staff;

namespace Outreach.EndToEnd.Tests.Browser;

/// <summary>
/// The staff pages as a librarian in Ningbo reads them: Chinese by default, English on request, kept with the account;
/// every one fits a 1366-pixel screen and is kept as a screenshot in both languages (TestResults/screenshots/pages).
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class ChineseStaffPagesTests(BrowserWorld browser)
{
    /// <summary>A scanned confirmation's page, which needs a registration's code (the seats browser test opens it).</summary>
    private static readonly string[] NotVisited = ["/seats/checkin/{token}"];

    // Words that stay as they are in a Chinese page: product and standard names, codes, and the switch's own "English".
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
        { "Hangfire", "English", "ISBN", "CSV", "HTML", "ISO", "Cron", "Outreach", "Orders", "StuckAfterDays", "UTF", "GB", "Excel", "OpenAPI", "JSON", "PIPL", "SMTP" };

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static IReadOnlyList<StaffPageVisit>? _pages;

    private HubWorld World => browser.World;

    [Fact]
    public async Task The_visits_cover_every_staff_page_route_of_the_dashboard()
    {
        var visited = (await PagesAsync()).Select(p => p.Pattern).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = (await StaffPageRoutesAsync()).Select(r => r.Pattern).Where(p => !visited.Contains(p)).Distinct().ToList();

        Assert.True(missing.Count == 0, "Staff pages no browser test reads in both languages: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Every_staff_page_reads_in_Chinese_outside_data_and_codes_fits_1366_px_and_is_kept_as_a_screenshot()
    {
        var pages = await PagesAsync();
        var member = await NewAdminAsync("chinese-reader");
        var (refusedRun, heldOrder) = await StoredMessagesAsync();
        var english = new Dictionary<string, string[]>();
        var overflowing = new Dictionary<string, string[]>();
        await browser.Chromium.RunAsync(World.Address, nameof(Every_staff_page_reads_in_Chinese_outside_data_and_codes_fits_1366_px_and_is_kept_as_a_screenshot), "zh-CN", async page =>
        {
            await StaffBrowser.LogInAsync(page, member);
            foreach (var visit in pages)
            {
                await VisitAsync(page, visit, "zh-CN", overflowing);
                if (visit.Words && EnglishWords(await ReadableTextAsync(page)).Where(w => !Allowed.Contains(w)).ToArray() is { Length: > 0 } words)
                {
                    english[visit.Path] = words;
                }
            }

            await ExpectRichTimelineAsync(page, pages);

            // The stored messages read in Chinese: a refused sync, a quarantined row's reason, a held order's reason, a contact warning.
            await page.GotoAsync("/runs?job=sync");
            await Assertions.Expect(page.Locator($"tr[data-run='{refusedRun}'] td.message")).ToContainTextAsync("的名单被拒绝：这份完整名单将注销");
            await page.GotoAsync("/quarantine");
            await Assertions.Expect(page.Locator("td.reason").Filter(new() { HasText = "duplicate_resident_id" }).First)
                .ToContainTextAsync(ResourceText.Chinese<ReadersText>("Reason.duplicate_resident_id"));
            await page.GotoAsync("/orders");
            await Assertions.Expect(page.Locator($"tr[data-order='{heldOrder}'] .reason")).ToContainTextAsync("图书馆已订购此书");
            await page.GotoAsync($"/sync?run={refusedRun}");
            await Assertions.Expect(page.Locator("table.warnings td.message").First).ToHaveTextAsync(ResourceText.Chinese<MessageText>(RowWarnings.PhoneDropped));
            if (EnglishWords(await ReadableTextAsync(page)).Where(w => !Allowed.Contains(w)).ToArray() is { Length: > 0 } onWarnings)
            {
                english[$"/sync?run={refusedRun}"] = onWarnings;
            }
        });

        Assert.True(english.Count == 0, "English on Chinese pages:\n" + string.Join("\n", english.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        Assert.True(overflowing.Count == 0, "Wider than 1366 px or cut off:\n" + string.Join("\n", overflowing.Select(o => $"{o.Key}: {string.Join(" | ", o.Value)}")));
    }

    [Fact]
    public async Task Every_staff_page_reads_in_English_on_request_fits_1366_px_and_is_kept_as_a_screenshot()
    {
        var pages = await PagesAsync();
        var member = await NewAdminAsync("english-reader");
        var chinese = new Dictionary<string, string>();
        var overflowing = new Dictionary<string, string[]>();
        await browser.Chromium.RunAsync(World.Address, nameof(Every_staff_page_reads_in_English_on_request_fits_1366_px_and_is_kept_as_a_screenshot), "en-US", async page =>
        {
            await StaffBrowser.LogInAsync(page, member);
            foreach (var visit in pages)
            {
                await VisitAsync(page, visit, "en", overflowing);
                // Chinese in data (names, titles, venues, event kinds) is expected; the page's own words are not.
                if (visit.Words && ChineseRun().Match(await ReadableTextAsync(page, includeData: false)) is { Success: true } found && found.Value != "中文")
                {
                    chinese[visit.Path] = found.Value;
                }
            }

            await ExpectRichTimelineAsync(page, pages);
        });

        Assert.True(chinese.Count == 0, "Chinese on English pages:\n" + string.Join("\n", chinese.Select(c => $"{c.Key}: {c.Value}")));
        Assert.True(overflowing.Count == 0, "Wider than 1366 px or cut off:\n" + string.Join("\n", overflowing.Select(o => $"{o.Key}: {string.Join(" | ", o.Value)}")));
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

    private static async Task VisitAsync(IPage page, StaffPageVisit visit, string language, Dictionary<string, string[]> overflowing)
    {
        var response = await page.GotoAsync(visit.Path);
        Assert.True(response?.Status == visit.Status, $"{visit.Path} answered {response?.Status}, not {visit.Status}");
        if (visit.Ours)
        {
            Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        }

        await ScreenshotAsync(page, language, visit.Path);
        if (await OverflowAsync(page) is { Length: > 0 } problems)
        {
            overflowing[visit.Path] = problems;
        }
    }

    /// <summary>Every GET page of the dashboard that needs a staff session (the anonymous ones are visited as well, below).</summary>
    private async Task<IEnumerable<RouteCase>> StaffPageRoutesAsync() =>
        (await DashboardRoutes.EndpointsAsync(World.Dashboard))
        .Where(r => r.Kind == RouteKind.Page && !r.ChangesState && r.Access is not (Access.Anonymous or Access.Machine)
            && !string.Equals(r.Pattern, StaffAuthenticationExtensions.LogoutPath, StringComparison.OrdinalIgnoreCase)
            && !NotVisited.Contains(r.Pattern, StringComparer.OrdinalIgnoreCase));

    // The world gets one reader with an order and an erased one, an event and a digest, so pages about one thing show one.
    private async Task<IReadOnlyList<StaffPageVisit>> PagesAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            return _pages ??= await SeedAndListAsync();
        }
        finally
        {
            Seeding.Release();
        }
    }

    private async Task<IReadOnlyList<StaffPageVisit>> SeedAndListAsync()
    {
        var seeded = await ReaderHistory.SeedAsync(World.Db, "pages-reader", "pages-reader@example.cn");
        // The desk's timeline with every kind of item it words (card, move, card status, seats, notices, digests), so a word
        // without its key shows on the reader's page in either language; its digests are of a community code no other test uses.
        await ReaderHistory.SeedDeskItemsAsync(World.Db, seeded, "GL98");
        var erased = await ReaderHistory.SeedAsync(World.Db, "pages-erased", "pages-erased@example.cn");
        await World.Dashboard.Services.GetRequiredService<PrivacyDesk>().EraseAsync(erased.ReaderId, new AuditActor(null, "test", null), CancellationToken.None);
        var libraryEvent = await DigestMailing.AddEventAsync(World, "GL01", "读书会：城市与乡村");
        await DigestMailing.SendAsync(World, "GL01");
        var digest = (await World.ListAsync("SELECT max(id)::text FROM outreach.digests")).Single();
        var seated = await DigestMailing.AddEventAsync(World, "GL01", "微讲堂：宁波老城的故事");

        var samples = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["/readers/{id:long}"] = $"/readers/{seeded.ReaderId}",
            ["/orders/details/{orderRef}"] = $"/orders/details/{seeded.OrderRef}",
            ["/privacy/receipt/{id:long}"] = $"/privacy/receipt/{erased.ReaderId}",
            ["/digests/{id:long}"] = $"/digests/{digest}",
            ["/digests/events/edit/{id:long?}"] = $"/digests/events/edit/{libraryEvent.Id}",
            ["/seats/{eventId:long}"] = $"/seats/{seated.Id}",
            ["/seats/{eventId:long}/checkin"] = $"/seats/{seated.Id}/checkin",
        };
        var visits = (await StaffPageRoutesAsync())
            .Select(r => new StaffPageVisit(samples.GetValueOrDefault(r.Pattern, r.Path), r.Pattern))
            .DistinctBy(v => v.Path)
            .ToList();
        visits.Add(new StaffPageVisit("/digests/events/edit", "/digests/events/edit/{id:long?}"));
        // The partners' reference: its frame follows the language; the document's texts name fields, codes and keys.
        visits.Add(new StaffPageVisit("/openapi", "/openapi", Words: false, Ours: true));
        visits.Add(new StaffPageVisit("/no-such-page", "/error/{code:int}", Status: 404));
        // Hangfire's pages are in its own translations; they are held to the screen's width and kept as screenshots.
        visits.AddRange(new[] { HangfireDashboard.Path, HangfireDashboard.FailedJobs, HangfireDashboard.RecurringJobs, HangfireDashboard.Path + "/jobs/succeeded",
                HangfireDashboard.Path + "/servers" }
            .Select(path => new StaffPageVisit(path, HangfireDashboard.Path, Words: false, Ours: false)));
        return visits;
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
                VALUES ($1, 'GL09', 'csv', 7, 'R-7', 'duplicate_resident_id', 'The same resident_id appears earlier in this roster (row 3).', 'R-7,邱*', now())),
            warned AS (
                INSERT INTO outreach.sync_warnings (run_id, community, row_number, resident_id, warning_code) VALUES ($1, 'GL09', 8, 'R-8', $5))
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
        command.Parameters.AddWithValue(RowWarnings.PhoneDropped);
        return (runId, (string)(await command.ExecuteScalarAsync())!);
    }

    // The reader desk's visit read a timeline with an item of every kind the words were checked on.
    private static async Task ExpectRichTimelineAsync(IPage page, IReadOnlyList<StaffPageVisit> pages)
    {
        await page.GotoAsync(pages.Single(p => p.Pattern == "/readers/{id:long}").Path);
        foreach (var kind in new[] { "card", "move", "card_status", "seat", "seat_notice", "attendance", "notice", "order", "digest", "preferences", "consent" })
        {
            await Assertions.Expect(page.Locator($"tr.timeline-{kind}").First).ToBeVisibleAsync();
        }
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
        // A long page in CJK glyphs takes a while to capture on a busy machine.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true, Timeout = 120_000 });
    }

    // Wider than the screen (a horizontal scroll bar), or a cell or button whose content is cut off: its own box is
    // narrower than its content, or it reaches past the box that scrolls or clips it.
    private static Task<string[]> OverflowAsync(IPage page) => page.EvaluateAsync<string[]>("""
        screen => {
          const problems = [];
          const width = document.documentElement.scrollWidth;
          if (width > screen) problems.push('the page is ' + width + ' px wide');
          const clipper = e => {
            for (let p = e.parentElement; p; p = p.parentElement) {
              if (getComputedStyle(p).overflowX !== 'visible') return p;
            }
            return null;
          };
          for (const e of document.querySelectorAll('td, th, button, input[type=submit], .btn')) {
            if (e.offsetParent === null) continue;
            const box = e.getBoundingClientRect();
            const outer = clipper(e);
            const edge = outer ? Math.min(outer.getBoundingClientRect().right, screen) : screen;
            const cut = e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible';
            if (box.right > edge + 1 || cut) problems.push(e.tagName.toLowerCase() + ' "' + e.innerText.trim().slice(0, 40) + '" ends at ' + Math.round(box.right) + ' px');
          }
          for (const e of document.querySelectorAll('.error, .validation-summary-errors, .field-validation-error')) {
            if (e.offsetParent !== null && e.innerText.trim() === '' && e.getBoundingClientRect().height > 0) problems.push('an empty error box');
          }
          return problems.slice(0, 5);
        }
        """, Chromium.ScreenWidth);

    // The page's own words: what a reader sees, without codes, data (masked rows, a stored message's arguments, a message
    // stored before the codes) and, for the English check, without the cells that hold names and titles (but for the reader
    // desk's timeline, whose items mark their data).
    private static Task<string> ReadableTextAsync(IPage page, bool includeData = true) => page.EvaluateAsync<string>("""
        includeData => {
          const copy = document.body.cloneNode(true);
          const data = 'code, pre, td.raw, iframe, option, .session span, [data-data]';
          copy.querySelectorAll(includeData ? data : data + ', td:not(table.timeline td), p strong, h1, [data-resident]').forEach(e => e.remove());
          return copy.innerText;
        }
        """, includeData);

    private static IEnumerable<string> EnglishWords(string text) => EnglishWord().Matches(text).Select(m => m.Value).Distinct();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex ChineseRun();

    /// <summary>One page to read: its address, the route it stands for, the status it answers, whether its words are checked, whether the hub renders it.</summary>
    private sealed record StaffPageVisit(string Path, string Pattern, int Status = 200, bool Words = true, bool Ours = true);
}
