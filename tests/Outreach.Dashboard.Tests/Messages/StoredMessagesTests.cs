using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Outreach.Dashboard.Messages;
using Outreach.Dashboard.Tests.Orders;
using Outreach.Integrations.Bookstore;
using Outreach.Integrations.Communities;
using Outreach.Testing;
using Outreach.Worker.Jobs;
using Outreach.Worker.Readers.Sync;

namespace Outreach.Dashboard.Tests.Messages;

/// <summary>Messages the hub stored for staff, read back on the pages in each reader's language.</summary>
public sealed partial class StoredMessagesTests(OrdersDashboardFixture fixture) : IClassFixture<OrdersDashboardFixture>
{
    [Fact]
    public async Task A_stored_run_message_reads_in_each_readers_language_and_a_row_from_before_the_codes_reads_as_it_was_stored()
    {
        var log = new JobRunLog(fixture.DataSource, TimeProvider.System);
        var refusedRun = await EndAsync(log, new RunSubject("sync", "GL03"), new RosterRefusedException("GL03", fullSnapshot: true, 420, 1200, 0.1));
        var cancelledRun = await EndAsync(log, new RunSubject("sync", "GL02"), new OperationCanceledException());
        var oldRun = await fixture.ScalarAsync("""
            INSERT INTO outreach.job_runs (job, scope, started_at, finished_at, status, counts, message)
            VALUES ('sync', 'GL04', now(), now(), 'failed', '{}', 'Community GL04 answered 503 after 3 attempts') RETURNING id
            """);

        using var english = await fixture.NewClient("en").SignedInAsync(TestAccounts.Viewer);
        using var chinese = await fixture.NewClient("zh-CN").SignedInAsync(TestAccounts.Viewer);
        var inEnglish = RunMessages(await english.PageAsync("/runs?job=sync"));
        var inChinese = RunMessages(await chinese.PageAsync("/runs?job=sync"));

        object[] refusal = ["GL03", 420L, 1200L, 0.35m, 0.1m, "Outreach:Communities:GL03:MaxWithdrawalShare"];
        Assert.Equal(Expected("en", "Sync.Refused.FullSnapshot", refusal), inEnglish[refusedRun]);
        Assert.Equal(Expected("zh-Hans", "Sync.Refused.FullSnapshot", refusal), inChinese[refusedRun]);
        Assert.StartsWith("GL03 的名单被拒绝：这份完整名单将注销 1,200 张读者证中的 420 张（35%）", inChinese[refusedRun], StringComparison.Ordinal);
        Assert.Equal("Cancelled; the retry starts over.", inEnglish[cancelledRun]);
        Assert.Equal("已取消；重试时从头开始。", inChinese[cancelledRun]);
        Assert.Equal("Community GL04 answered 503 after 3 attempts", inEnglish[oldRun]);
        Assert.Equal("Community GL04 answered 503 after 3 attempts", inChinese[oldRun]);
    }

    [Fact]
    public async Task An_order_held_for_staff_gives_its_reason_in_each_readers_language()
    {
        var card = await fixture.CardAsync();
        var first = await RequestAsync(card, "first-copy");
        var held = await RequestAsync(card, "second-copy");

        using var english = await fixture.NewClient("en").SignedInAsync(TestAccounts.Viewer);
        using var chinese = await fixture.NewClient("zh-CN").SignedInAsync(TestAccounts.Viewer);

        Assert.Equal(Expected("en", "Order.Held.OnOrder", first, "pending"), Reason(await english.PageAsync($"/orders/details/{held}")));
        // A notice given up on, as the notice job records it: its reason reads in Chinese too (the hub would not send one for a held order).
        await fixture.ScalarAsync("""
            INSERT INTO outreach.book_order_notices (order_id, kind, created_at, attempts, last_error, last_error_code, last_error_args, given_up_at)
            SELECT id, 'rejected', now(), 1, 'the reader has no e-mail address: tell them at the desk', 'Notice.NoAddress', '[]', now()
            FROM outreach.book_orders WHERE order_ref = $1 RETURNING 1
            """, held);
        var inChinese = await chinese.PageAsync($"/orders/details/{held}");
        Assert.Equal($"图书馆已订购此书（{first}，pending）；由工作人员决定是否重复订购", Reason(inChinese));
        // The history line of the hold says the same, from its own code.
        Assert.Contains("<td class=\"message\">图书馆已订购此书（", WebUtility.HtmlDecode(inChinese), StringComparison.Ordinal);
        Assert.Contains("<td class=\"message\">读者没有电子邮箱：请在服务台当面告知</td>", WebUtility.HtmlDecode(inChinese), StringComparison.Ordinal);
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach.book_orders WHERE order_ref = $1 AND status = 'held' AND status_reason LIKE 'the library already has this title on order%'", held));
    }

    [Fact]
    public async Task A_sync_warning_reads_in_each_readers_language_and_one_from_before_the_codes_reads_as_it_was_stored()
    {
        const long run = 990_014;
        await fixture.ScalarAsync($"""
            INSERT INTO outreach.sync_warnings (run_id, community, row_number, resident_id, warning, warning_code)
            VALUES ({run}, 'GL03', 7, 'GL03-7', NULL, '{RowWarnings.PhoneDropped}'),
                   ({run}, 'GL03', 8, 'GL03-8', 'email dropped: not an email address', NULL)
            RETURNING 1
            """);

        using var english = await fixture.NewClient("en").SignedInAsync(TestAccounts.Viewer);
        using var chinese = await fixture.NewClient("zh-CN").SignedInAsync(TestAccounts.Viewer);
        var inEnglish = Warnings(await english.PageAsync($"/sync?run={run}"));
        var inChinese = Warnings(await chinese.PageAsync($"/sync?run={run}"));

        Assert.Equal([ResourceText.In<MessageText>("en", RowWarnings.PhoneDropped), "email dropped: not an email address"], inEnglish);
        Assert.Equal(["已略去手机号：不是 11 位手机号码", "email dropped: not an email address"], inChinese);
    }

    [Fact]
    public async Task A_refused_request_gives_each_reason_in_the_readers_language_with_what_was_typed_as_data()
    {
        using var chinese = await fixture.NewClient("zh-CN").SignedInAsync(TestAccounts.Operator);

        using var refused = await chinese.SubmitAsync("/orders/new", "/orders/new",
            ("Input.CardNumber", "ZB000000001X"), ("Input.Isbn", "978"), ("Input.Title", ""), ("Input.Quantity", "1"), ("Input.UnitPrice", "33.30"),
            ("Input.BudgetCode", "SOC-2026"), ("Input.DeliverTo", "library_desk"), ("Input.DeliverCommunity", ""));
        var refusal = RefusalBox().Match(await refused.Content.ReadAsStringAsync()).Value;
        var reasons = ListItems().Matches(refusal).Select(item => Text(item.Groups[1].Value)).ToList();

        Assert.Equal(["ISBN 978 有 3 个字符；ISBN 应为 10 位或 13 位", "缺少书名", "读者证 ZB000000001X 不是本馆发出的证"], reasons);
    }

    [Fact]
    public void Every_code_the_worker_stores_has_words_in_the_catalog()
    {
        var worker = Path.Combine(RepositoryRoot.Find(), "Outreach.Worker");
        var codes = Directory.EnumerateFiles(worker, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => StoredCode().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.True(codes.Count > 40, $"only {codes.Count} codes found: has the way messages are written changed?");
        Assert.All(codes, code => Assert.False(string.IsNullOrEmpty(ResourceText.In<MessageText>("zh-Hans", code))));
        Assert.All(["isbn_not_in_catalog", "invalid_isbn", "quantity_out_of_range"],
            error => Assert.NotEmpty(ResourceText.In<MessageText>("zh-Hans", "Order.Rejected." + error)));
        // A roster row's contact warnings are stored as codes too, by the validator in Outreach.Integrations.
        Assert.All(IsbnProblem.Codes, code => Assert.All(["en", "zh-Hans"], language => Assert.NotEmpty(ResourceText.In<MessageText>(language, "Intake.Isbn." + code))));
        Assert.All(RowWarnings.All, code => Assert.All(["en", "zh-Hans"], language => Assert.NotEmpty(ResourceText.In<MessageText>(language, code))));
    }

    private static async Task<long> EndAsync(JobRunLog log, RunSubject subject, Exception failure)
    {
        var verdict = RunFailures.Classify(failure, subject);
        var id = await log.StartAsync(subject.Job, subject.Scope, CancellationToken.None);
        await log.FinishAsync(id, verdict.Status, verdict.Counts ?? new Dictionary<string, long>(), verdict.Said, CancellationToken.None);
        return id;
    }

    private async Task<string> RequestAsync(string card, string externalRef)
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/book-requests")
        {
            Content = JsonContent.Create(new
            {
                card_number = card, isbn = "9787020002207", title = "红楼梦", quantity = 1, unit_price = 45, budget_code = "SOC-2026",
                deliver_to = new { kind = "library_desk" }, external_ref = externalRef,
            }),
        };
        request.Headers.Add("X-Api-Key", OrdersDashboardFixture.PortalKey);
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.OK, $"the request answered {response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("order_ref").GetString()!;
    }

    // The catalog's words for the code, formatted as a request in that language formats them.
    private static string Expected(string language, string code, params object[] args) =>
        string.Format(CultureInfo.GetCultureInfo(language == "en" ? "en" : "zh-CN"), ResourceText.In<MessageText>(language, code), args);

    private static Dictionary<long, string> RunMessages(string page) =>
        RunRow().Matches(page).ToDictionary(row => long.Parse(row.Groups["id"].Value, CultureInfo.InvariantCulture),
            row => Text(MessageCell().Match(row.Groups["cells"].Value).Groups[1].Value));

    private static List<string> Warnings(string page) =>
        WarningRow().Matches(WarningsTable().Match(page).Value).Select(row => Text(MessageCell().Match(row.Value).Groups[1].Value)).ToList();

    private static string Reason(string page) => Text(ReasonSpan().Match(page).Groups[1].Value);

    private static string Text(string html) => WebUtility.HtmlDecode(Tag().Replace(html, "")).Trim();

    [GeneratedRegex("<tr data-run=\"(?<id>[0-9]+)\">(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RunRow();

    [GeneratedRegex("<div class=\"error\">.*?</div>", RegexOptions.Singleline)]
    private static partial Regex RefusalBox();

    [GeneratedRegex("<li>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex ListItems();

    [GeneratedRegex("<table class=\"grid warnings\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex WarningsTable();

    [GeneratedRegex("<tr><td>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex WarningRow();

    [GeneratedRegex("<td class=\"message\">(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex MessageCell();

    [GeneratedRegex("<span class=\"reason\">(.*?)</span></p>", RegexOptions.Singleline)]
    private static partial Regex ReasonSpan();

    [GeneratedRegex("StaffMessage\\.Of\\(\"([A-Za-z.]+)\"")]
    private static partial Regex StoredCode();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
