using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.PersonalData;
using Outreach.Dashboard.Messages;
using Outreach.Dashboard.Readers;
using Outreach.Dashboard.Tests.Hosting;
using Outreach.Testing;
using Outreach.Testing.Desk;
using Outreach.Worker.Audit;
using Outreach.Worker.Desk;

namespace Outreach.Dashboard.Tests.Readers;

public sealed partial class ReaderDeskTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task The_record_shows_one_timeline_with_the_run_behind_each_item_and_no_address()
    {
        var seeded = await ReaderHistory.SeedAsync(fixture.DataSource, "desk-timeline", "qiu.timeline@example.test");
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = WebUtility.HtmlDecode(await viewer.PageAsync($"/readers/{seeded.ReaderId}"));
        var timeline = Timeline(page);

        Assert.Contains(ResourceText.English<ReadersText>("Timeline"), page, StringComparison.Ordinal);
        Assert.Contains(Item("CardIssued", seeded.CardNumber, Word("CardStatus.active")), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("CardEvent", seeded.CardNumber, Word("CardEvent.reactivated"), "GL01"), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("ConsentAllKinds", Word("Consent.roster")), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("Activity", "2026-10", 3, 2, 0, 1), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("Order", seeded.OrderRef, "三国演义", Word("OrderStatus.ready_for_pickup")), timeline, StringComparison.Ordinal);
        // What the mail server said is shown beside the staff's words, as data.
        Assert.Contains(Item("NoticeGivenUp", seeded.OrderRef, Word("NoticeKind.ready_for_pickup")) + ResourceText.English<ReadersText>("Timeline.Said")
            + ReaderHistory.NoticeError, timeline, StringComparison.Ordinal);
        Assert.Contains($"<span data-data>{ReaderHistory.NoticeError}</span>", page, StringComparison.Ordinal);
        Assert.Empty(ChineseOutsideData(page));
        Assert.Contains($"/sync?run={seeded.SyncRunId}", page, StringComparison.Ordinal);
        Assert.Contains($"/hangfire/jobs/details/{seeded.SyncHangfireJobId}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("qiu.timeline", page, StringComparison.Ordinal);
        // A viewer reads the record but is offered no action, and a forged post is refused.
        Assert.DoesNotContain(ResourceText.English<ReadersText>("ResendNotice"), page, StringComparison.Ordinal);
        using var forged = await viewer.SubmitAsync($"/readers/{seeded.ReaderId}", $"/readers/{seeded.ReaderId}?handler=ResendNotice",
            ("target", seeded.OrderRef), ("kind", "ready_for_pickup"), Confirmed);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.book_order_notices n JOIN outreach.book_orders o ON o.id = n.order_id WHERE o.order_ref = $1 AND n.given_up_at IS NOT NULL", seeded.OrderRef));
    }

    [Fact]
    public async Task An_operator_resends_a_failed_notice_once_however_often_the_button_is_pressed_and_the_trail_has_one_entry()
    {
        var seeded = await ReaderHistory.SeedAsync(fixture.DataSource, "desk-resend", "qiu.resend@example.test");
        using var operatorSession = await fixture.SignedInAsync(TestAccounts.Operator);
        var record = $"/readers/{seeded.ReaderId}";
        Assert.Contains(ResourceText.English<ReadersText>("ResendNotice"), await operatorSession.PageAsync(record), StringComparison.Ordinal);

        using var unconfirmed = await operatorSession.SubmitAsync(record, record + "?handler=ResendNotice", ("target", seeded.OrderRef), ("kind", "ready_for_pickup"));
        var afterUnconfirmed = WebUtility.HtmlDecode(await operatorSession.PageAsync(record));
        var (afterFirst, afterSecond) = await PressTwiceAsync(operatorSession, record, "ResendNotice", ("target", seeded.OrderRef), ("kind", "ready_for_pickup"));

        Assert.Contains(ResourceText.English<ReadersText>("ConfirmFirst"), afterUnconfirmed, StringComparison.Ordinal);
        Assert.Contains(Before(ResourceText.English<ReadersText>("Desk.resend_notice.Done")), afterFirst, StringComparison.Ordinal);
        Assert.Contains(Item("NoticeOwed", seeded.OrderRef, Word("NoticeKind.ready_for_pickup"), 0), Timeline(afterFirst), StringComparison.Ordinal);
        Assert.Contains(ResourceText.English<ReadersText>("Desk.resend_notice.Unchanged"), afterSecond, StringComparison.Ordinal);
        Assert.Equal(1, await AuditEntriesAsync(AuditActions.NoticeResent, seeded.ReaderId));
        // Each page read is a view: two reads before each post (the form and the answer), one to start.
        Assert.Equal(7, await AuditEntriesAsync(AuditActions.ReaderViewed, seeded.ReaderId));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ReaderNoticeJob%'"));
    }

    [Fact]
    public async Task The_timeline_shows_seats_attendance_preferences_and_digests_each_linked_to_its_page()
    {
        var seeded = await ReaderHistory.SeedAsync(fixture.DataSource, "desk-seats", "qiu.seats@example.test");
        var items = await ReaderHistory.SeedDeskItemsAsync(fixture.DataSource, seeded, "desk-seats");
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = WebUtility.HtmlDecode(await viewer.PageAsync($"/readers/{seeded.ReaderId}"));
        var timeline = Timeline(page);

        Assert.Contains(Item("Seat", "读书会（desk-seats）", Word("SeatChannel.digest"), Item("Guests", 1), Word("SeatStatus.registered")), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("Attended", "读书会（desk-seats）"), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("SeatNotice", "读书会（desk-seats）", Word("SeatNotice.confirmed"), Word("Mail.sent")), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("SeatCancelled", "讲座（desk-seats）"), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("SeatNotice", "讲座（desk-seats）", Word("SeatNotice.cancelled"), Word("Mail.sent")), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("PreferencesKinds", "lecture"), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("Digest", "2026-W43", Word("Mail.failed"), ""), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("Digest", "2026-W44", Word("Mail.sending"), ""), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("Moved", "GL02", "GL01"), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("CardStatusAccepted", "GL01", Word("CardStatus.active")), timeline, StringComparison.Ordinal);
        Assert.Contains("<span data-data>552 mailbox full</span>", page, StringComparison.Ordinal);
        Assert.Empty(ChineseOutsideData(page));
        Assert.Contains($"href=\"/seats/{items.AttendedEvent}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/seats/{items.CancelledEvent}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/digests/{items.FailedDigest}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/readers/{seeded.ReaderId}#consents\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("qiu.seats", page, StringComparison.Ordinal);
        foreach (var button in new[] { "PushCardStatus", "MarkAddressBad", "ReleaseDigestCopy" })
        {
            Assert.DoesNotContain(ResourceText.English<ReadersText>(button), page, StringComparison.Ordinal);
            using var forged = await viewer.SubmitAsync($"/readers/{seeded.ReaderId}", $"/readers/{seeded.ReaderId}?handler={button}",
                ("target", items.StuckDigest.ToString(CultureInfo.InvariantCulture)), ("kind", ""), Confirmed);
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        }
    }

    [Fact]
    public async Task Why_a_notice_was_given_up_and_why_a_roster_row_was_quarantined_read_in_the_librarians_language()
    {
        const string Reply = "550 5.1.1 mailbox unavailable";
        var seeded = await ReaderHistory.SeedAsync(fixture.DataSource, "desk-coded", "qiu.coded@example.test");
        // Rows written since messages are kept as codes: why the notice was given up (the mail server's reply inside it), and a
        // roster row of this resident refused for an ID number that is another reader's.
        await fixture.DataSource.ExecuteAsync("""
            UPDATE outreach.book_order_notices n SET last_error = 'the mail server refused it: ' || $2,
                last_error_code = 'Notice.Refused', last_error_args = jsonb_build_array($2::text)
            FROM outreach.book_orders o WHERE o.id = n.order_id AND o.order_ref = $1
            """, seeded.OrderRef, Reply);
        await fixture.DataSource.ExecuteAsync("""
            INSERT INTO outreach.quarantine (run_id, community, source, row_number, resident_id, reason_code, reason_text, raw_masked, created_at)
            SELECT $2, community, 'residents_GL01_20261120.csv', 7, resident_id, 'id_number_conflict',
                   'The ID number belongs to another reader in the registry; check the resident''s ID number at the source.', 'resident ?', now()
            FROM outreach.readers WHERE id = $1
            """, seeded.ReaderId, seeded.SyncRunId);

        using var english = await fixture.SignedInAsync(TestAccounts.Viewer);
        var page = WebUtility.HtmlDecode(await english.PageAsync($"/readers/{seeded.ReaderId}"));
        var timeline = Timeline(page);
        Assert.Contains(Item("NoticeGivenUpBecause", seeded.OrderRef, Word("NoticeKind.ready_for_pickup"),
            ResourceText.English<MessageText>("Notice.Refused", Reply)), timeline, StringComparison.Ordinal);
        Assert.Contains(Item("QuarantinedOpen", Word("Reason.id_number_conflict"), "id_number_conflict"), timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("belongs to another reader in the registry", timeline, StringComparison.Ordinal);
        Assert.Contains($"<span data-data>{Reply}</span>", page, StringComparison.Ordinal);
        Assert.Empty(ChineseOutsideData(page));

        using var chinese = await fixture.NewClient("zh-CN").SignedInAsync(TestAccounts.Viewer);
        var inChinese = Timeline(WebUtility.HtmlDecode(await chinese.PageAsync($"/readers/{seeded.ReaderId}")));
        Assert.Contains($"{seeded.OrderRef} 的读者通知（到书可取）：发送失败：邮件服务器拒收：{Reply}", inChinese, StringComparison.Ordinal);
        Assert.Contains("名册行被隔离：" + ResourceText.Chinese<ReadersText>("Reason.id_number_conflict") + "（id_number_conflict），待处理", inChinese,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_librarian_reading_in_Chinese_finds_the_timeline_in_Chinese_with_its_data_as_it_is()
    {
        var seeded = await ReaderHistory.SeedAsync(fixture.DataSource, "desk-chinese", "qiu.chinese@example.test");
        await ReaderHistory.SeedDeskItemsAsync(fixture.DataSource, seeded, "desk-chinese");
        using var viewer = await fixture.NewClient("zh-CN").SignedInAsync(TestAccounts.Viewer);

        var timeline = Timeline(WebUtility.HtmlDecode(await viewer.PageAsync($"/readers/{seeded.ReaderId}")));

        Assert.Contains($"读者证 {seeded.CardNumber} 发证（当前状态：有效）", timeline, StringComparison.Ordinal);
        Assert.Contains("从 GL02 迁至 GL01", timeline, StringComparison.Ordinal);
        Assert.Contains("向社区 GL01 回传证件状态“有效”：已送达", timeline, StringComparison.Ordinal);
        Assert.Contains($"{seeded.OrderRef} 的读者通知（到书可取）：发送失败：{ReaderHistory.NoticeError}", timeline, StringComparison.Ordinal);
        Assert.Contains($"荐购 {seeded.OrderRef}《三国演义》，当前状态：可取书", timeline, StringComparison.Ordinal);
        Assert.Contains("报名活动《读书会（desk-chinese）》（通过周报链接，同行 1 人），当前状态：已报名", timeline, StringComparison.Ordinal);
        Assert.Contains("活动《讲座（desk-chinese）》的报名通知（报名取消）：已发送", timeline, StringComparison.Ordinal);
        Assert.Contains("活动周报 2026-W43：发送失败：552 mailbox full", timeline, StringComparison.Ordinal);
        Assert.Contains("活动周报 2026-W44：发送中断，待核实", timeline, StringComparison.Ordinal);
        Assert.Contains("读者的邮件偏好（当前）：只接收 lecture", timeline, StringComparison.Ordinal);
        Assert.Contains("2026-10 月：到馆 3 次，借阅 2 次，电子资源 0 次，活动签到 1 次", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_sentence_the_timeline_board_writes_has_words_in_both_languages()
    {
        var board = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "Outreach.Worker", "Desk", "ReaderTimelineBoard.cs"));
        var sentences = SentenceCode().Matches(board).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.True(sentences.Count > 30, $"only {sentences.Count} sentences found: has the way items are written changed?");
        Assert.All(sentences, code => Assert.NotEqual(ResourceText.English<ReadersText>("Timeline." + code), ResourceText.Chinese<ReadersText>("Timeline." + code)));
    }

    [Fact]
    public async Task An_operator_pushes_the_card_status_again_once_however_often_the_button_is_pressed_and_the_trail_has_one_entry()
    {
        var seeded = await ReaderHistory.SeedAsync(fixture.DataSource, "desk-card", "qiu.card@example.test");
        var items = await ReaderHistory.SeedDeskItemsAsync(fixture.DataSource, seeded, "desk-card");
        using var operatorSession = await fixture.SignedInAsync(TestAccounts.Operator);
        var record = $"/readers/{seeded.ReaderId}";
        Assert.Contains(ResourceText.English<ReadersText>("PushCardStatus"), await operatorSession.PageAsync(record), StringComparison.Ordinal);
        (string, string)[] shown = [("target", items.CardStatusEntry.ToString(CultureInfo.InvariantCulture)), ("kind", TimelineAction.Sent)];

        using var unconfirmed = await operatorSession.SubmitAsync(record, record + "?handler=PushCardStatus", shown);
        Assert.Equal(1, await OutboxEntriesAsync("desk-card"));
        var (afterFirst, afterSecond) = await PressTwiceAsync(operatorSession, record, "PushCardStatus", shown);

        Assert.Contains(Before(ResourceText.English<ReadersText>("Desk.push_card_status.Done")), afterFirst, StringComparison.Ordinal);
        Assert.Contains(Item("CardStatusOwed", "GL01", Word("CardStatus.active"), 0), Timeline(afterFirst), StringComparison.Ordinal);
        Assert.Contains(ResourceText.English<ReadersText>("Desk.push_card_status.Unchanged"), afterSecond, StringComparison.Ordinal);
        Assert.Equal(2, await OutboxEntriesAsync("desk-card"));
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach.card_status_outbox WHERE community = 'GL01' AND resident_id = 'desk-card' AND sent_at IS NULL AND card_number = $1",
            seeded.CardNumber));
        Assert.Equal(1, await AuditEntriesAsync(AuditActions.CardStatusPushedAgain, seeded.ReaderId));
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%CardStatusPush%' AND arguments::text LIKE '%GL01%'"));
    }

    [Fact]
    public async Task An_operator_marks_the_address_bad_once_as_a_bounce_would_and_the_timeline_says_so_without_the_address()
    {
        var seeded = await ReaderHistory.SeedAsync(fixture.DataSource, "desk-address", "Qiu.Address@example.test");
        await ReaderHistory.SeedDeskItemsAsync(fixture.DataSource, seeded, "desk-address");
        using var operatorSession = await fixture.SignedInAsync(TestAccounts.Operator);
        var record = $"/readers/{seeded.ReaderId}";
        Assert.Contains(ResourceText.English<ReadersText>("MarkAddressBad"), await operatorSession.PageAsync(record), StringComparison.Ordinal);

        var (afterFirst, afterSecond) = await PressTwiceAsync(operatorSession, record, "MarkAddressBad");

        Assert.Contains(ResourceText.English<ReadersText>("Desk.mark_address_bad.Done"), afterFirst, StringComparison.Ordinal);
        Assert.Contains(Item("SuppressedAtDesk"), Timeline(afterFirst), StringComparison.Ordinal);
        Assert.DoesNotContain(ResourceText.English<ReadersText>("MarkAddressBad") + "<", afterFirst, StringComparison.Ordinal);
        Assert.Contains(ResourceText.English<ReadersText>("Desk.mark_address_bad.Unchanged"), afterSecond, StringComparison.Ordinal);
        Assert.DoesNotContain("qiu.address", afterSecond, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.mail_suppressions WHERE address = 'qiu.address@example.test' AND reason = $1",
            ReaderDeskActions.MarkedBadReason));
        Assert.Equal(1, await AuditEntriesAsync(AuditActions.AddressMarkedBad, seeded.ReaderId));
    }

    [Fact]
    public async Task An_operator_releases_a_stuck_digest_copy_once_for_the_next_run_with_the_digest_pages_audit_entry()
    {
        var seeded = await ReaderHistory.SeedAsync(fixture.DataSource, "desk-stuck", "qiu.stuck@example.test");
        var items = await ReaderHistory.SeedDeskItemsAsync(fixture.DataSource, seeded, "desk-stuck");
        using var operatorSession = await fixture.SignedInAsync(TestAccounts.Operator);
        var record = $"/readers/{seeded.ReaderId}";
        Assert.Contains(ResourceText.English<ReadersText>("ReleaseDigestCopy"), await operatorSession.PageAsync(record), StringComparison.Ordinal);

        var (afterFirst, afterSecond) = await PressTwiceAsync(operatorSession, record, "ReleaseDigestCopy",
            ("target", items.StuckDigest.ToString(CultureInfo.InvariantCulture)));

        Assert.Contains(ResourceText.English<ReadersText>("Desk.release_digest_copy.Done"), afterFirst, StringComparison.Ordinal);
        Assert.Contains(Item("Digest", "2026-W44", Word("Mail.pending"), ""), Timeline(afterFirst), StringComparison.Ordinal);
        Assert.Contains(ResourceText.English<ReadersText>("Desk.release_digest_copy.Unchanged"), afterSecond, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.digest_deliveries WHERE digest_id = $1 AND status = 'pending'",
            items.StuckDigest));
        Assert.Equal(1, await AuditEntriesAsync(AuditActions.DigestCopySendAgain, seeded.ReaderId));
    }

    [Fact]
    public async Task The_search_box_finds_a_reader_by_the_phone_a_caller_gives_and_keeps_no_phone_on_the_trail()
    {
        var seeded = await ReaderHistory.SeedAsync(fixture.DataSource, "desk-phone", "qiu.phone@example.test");
        const string Phone = "13712340042";
        await fixture.ExecuteAsync("UPDATE outreach.readers SET phone = $2, phone_hash = $3, phone_hash_key = 1 WHERE id = $1",
            seeded.ReaderId, Phone, fixture.Services.GetRequiredService<PersonalDataHasher>().HashPhone(Phone));
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var found = WebUtility.HtmlDecode(await viewer.PageAsync("/readers?q=" + Uri.EscapeDataString("+86 137-1234-0042")));

        Assert.Contains($"href=\"/readers/{seeded.ReaderId}\"", found, StringComparison.Ordinal);
        Assert.Contains(Masking.Phone(Phone), found, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, found, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE details::text LIKE '%1234%0042%'"));
    }

    private static readonly (string, string) Confirmed = ("confirm", "yes");

    /// <summary>A double press of a desk action's button (confirmed): each answered by a redirect, then the record as it reads after each.</summary>
    private static async Task<(string AfterFirst, string AfterSecond)> PressTwiceAsync(StaffSession session, string record, string handler,
        params (string, string)[] fields)
    {
        var pages = new List<string>();
        for (var press = 0; press < 2; press++)
        {
            using var answer = await session.SubmitAsync(record, $"{record}?handler={handler}", [.. fields, Confirmed]);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            pages.Add(WebUtility.HtmlDecode(await session.PageAsync(record)));
        }

        return (pages[0], pages[1]);
    }

    // The words of a message before its first argument (a Hangfire job id the test cannot know).
    private static string Before(string format) => format[..format.IndexOf('{', StringComparison.Ordinal)];

    // A timeline sentence as the page says it in English, with its arguments (the words of a state given by Word).
    private static string Item(string sentence, params object[] args) => ResourceText.English<ReadersText>("Timeline." + sentence, args);

    private static string Word(string key) => ResourceText.English<ReadersText>(key);

    // The timeline's items as a reader reads them (markup removed), one a line.
    private static string Timeline(string page) =>
        string.Join("\n", TimelineItem().Matches(page).Select(m => WebUtility.HtmlDecode(Tag().Replace(m.Groups[1].Value, ""))));

    // Chinese in the timeline's items outside what is marked as data (titles, what a server said).
    private static List<string> ChineseOutsideData(string page) =>
        TimelineItem().Matches(page).SelectMany(m => Chinese().Matches(Tag().Replace(DataSpan().Replace(m.Groups[1].Value, ""), "")).Select(c => c.Value)).ToList();

    [GeneratedRegex("<td class=\"message\">(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex TimelineItem();

    [GeneratedRegex("<span data-data>.*?</span>", RegexOptions.Singleline)]
    private static partial Regex DataSpan();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex Chinese();

    // The sentences the board says (its PascalCase string literals; the SQL and the stored codes are lower case).
    [GeneratedRegex("(?<!cref=)\"([A-Z][A-Za-z]+)\"")]
    private static partial Regex SentenceCode();

    private Task<long> OutboxEntriesAsync(string residentId) =>
        fixture.ScalarAsync("SELECT count(*) FROM outreach.card_status_outbox WHERE community = 'GL01' AND resident_id = $1", residentId);

    // The staff audit trail's entries of one action about one reader.
    private Task<long> AuditEntriesAsync(string action, long readerId) =>
        fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE action = $1 AND target = $2", action, $"reader:{readerId}");
}
