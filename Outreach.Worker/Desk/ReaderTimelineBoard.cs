using System.Globalization;
using Npgsql;
using Outreach.Integrations.PersonalData;

namespace Outreach.Worker.Desk;

/// <summary>
/// One reader's whole history for the service desk, newest first: roster rows and moves, card events and the statuses
/// pushed back, quarantined rows of the same resident, digests, addresses no longer mailed, consent and mail preferences,
/// book orders and their notices, event registrations with their notices and attendance, activity by month; each with the
/// run or the page behind it. Every source is read through an index on the reader (migrations 0011 and 0012), so a
/// reader opens as fast in a district's registry as in a town's.
/// </summary>
public sealed class ReaderTimelineBoard(NpgsqlDataSource dataSource)
{
    /// <summary>The reader's timeline; empty when there is no such reader.</summary>
    public async Task<IReadOnlyList<TimelineItem>> TimelineAsync(long readerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<(DateTimeOffset At, string Kind, string Text, long? RunId, string? Link, TimelineAction? Action, string? Said)>();

        // Every source is one statement of a single batch: one round trip for the whole history, however many sources.
        var sources = new List<Func<NpgsqlDataReader, (DateTimeOffset, string, string, long?, string?, TimelineAction?, string?)>>();
        await using var batch = new NpgsqlBatch(connection);
        void Read(string sql, Func<NpgsqlDataReader, (DateTimeOffset, string, string, long?, string?, TimelineAction?)> item) =>
            ReadSaid(sql, r =>
            {
                var (at, kind, text, run, link, action) = item(r);
                return (at, kind, text, run, link, action, null);
            });

        // A source whose items carry what an outside system said (an SMTP reply), shown beside the staff's words as data.
        void ReadSaid(string sql, Func<NpgsqlDataReader, (DateTimeOffset, string, string, long?, string?, TimelineAction?, string?)> item)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue(readerId);
            batch.BatchCommands.Add(command);
            sources.Add(item);
        }

        static long? RunOf(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        static DateTimeOffset At(NpgsqlDataReader r, int i) => r.GetFieldValue<DateTimeOffset>(i);

        Read("SELECT created_at, updated_at, community, last_run_id, status FROM outreach.readers WHERE id = $1", r =>
            (At(r, 0), TimelineKinds.Roster, $"首次登记（{r.GetString(2)}）", null, null, null));
        Read("SELECT updated_at, status, last_run_id FROM outreach.readers WHERE id = $1", r =>
            (At(r, 0), TimelineKinds.Roster, $"名册最近一次更新，状态：{ReaderStatusText(r.GetString(1))}", RunOf(r, 2), null, null));
        Read("""
            SELECT moved_at, from_community, to_community, run_id FROM outreach.reader_moves WHERE reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Move, $"从 {r.GetString(1)} 迁至 {r.GetString(2)}", RunOf(r, 3), null, null));
        // Issuing is recorded on the card itself (its day); later changes are card events.
        Read("SELECT issued_on, card_number, status FROM outreach.cards WHERE reader_id = $1", r =>
            (new DateTimeOffset(r.GetFieldValue<DateOnly>(0).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), TimelineKinds.Card,
                $"读者证 {r.GetString(1)} 发证（当前状态：{CardStatusText(r.GetString(2))}）", null, null, null));
        Read("""
            SELECT e.at, e.event, e.community, e.run_id, c.card_number
            FROM outreach.cards c JOIN outreach.card_events e ON e.card_id = c.id WHERE c.reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Card, $"读者证 {r.GetString(4)} {CardEventText(r.GetString(1))}（{r.GetString(2)}）", RunOf(r, 3), null, null));
        // The newest entry is what the community was last told: staff may have it told again (once it was accepted, or
        // after it failed), with the card's status now.
        Read("""
            SELECT o.created_at, o.status, o.sent_at, o.attempts, o.last_error, o.community, o.id, o.id = max(o.id) OVER () AND c.reader_id IS NOT NULL
            FROM outreach.readers r JOIN outreach.card_status_outbox o ON o.community = r.community AND o.resident_id = r.resident_id
                LEFT JOIN outreach.cards c ON c.reader_id = r.id
            WHERE r.id = $1
            """, r => (At(r, 0), TimelineKinds.CardStatus,
                $"向社区 {r.GetString(5)} 回传证件状态“{CardStatusText(r.GetString(1))}”：" + (r.IsDBNull(2)
                    ? $"尚未送达（已尝试 {r.GetInt32(3)} 次{(r.IsDBNull(4) ? "" : "，" + TextScrubber.Scrub(r.GetString(4)))}）"
                    : "已送达"), null, null,
                r.GetBoolean(7) && (!r.IsDBNull(2) || r.GetInt32(3) > 0)
                    ? new TimelineAction(TimelineAction.PushCardStatus, r.GetInt64(6).ToString(CultureInfo.InvariantCulture), r.IsDBNull(2) ? "" : TimelineAction.Sent)
                    : null));
        Read("""
            SELECT q.created_at, q.reason_code, q.reason_text, q.run_id, q.resolved_at
            FROM outreach.readers r JOIN outreach.quarantine q ON q.community = r.community AND q.resident_id = r.resident_id
            WHERE r.id = $1
            """, r => (At(r, 0), TimelineKinds.Quarantine,
                $"名册行被隔离：{r.GetString(1)}（{TextScrubber.Scrub(r.GetString(2))}）{(r.IsDBNull(4) ? "，待处理" : "，已处理")}", RunOf(r, 3), null, null));
        // A copy the address failed or bounced on may have that address marked bad, while it is still the reader's and mailed.
        ReadSaid("""
            SELECT coalesce(d.sent_at, g.created_at), g.iso_week, d.status, d.skip_reason, d.bounced_at, d.bounce_kind, g.last_run_id, d.smtp_reply,
                   d.digest_id, (d.status = 'failed' OR d.bounced_at IS NOT NULL) AND lower(d.address) = lower(r.email)
                       AND NOT EXISTS (SELECT 1 FROM outreach.mail_suppressions s WHERE s.address = lower(r.email))
            FROM outreach.readers r JOIN outreach.digest_deliveries d ON d.reader_id = r.id JOIN outreach.digests g ON g.id = d.digest_id
            WHERE r.id = $1
            """, r =>
            {
                var digest = r.GetInt64(8).ToString(CultureInfo.InvariantCulture);
                var action = r.GetString(2) == "sending" ? new TimelineAction(TimelineAction.ReleaseDigestCopy, digest)
                    : r.GetBoolean(9) ? new TimelineAction(TimelineAction.MarkAddressBad, digest) : null;
                var said = r.GetString(2) == "failed" && !r.IsDBNull(7) ? TextScrubber.Scrub(r.GetString(7)) : null;
                return (At(r, 0), TimelineKinds.Digest, $"活动周报 {r.GetString(1)}：" + DeliveryText(r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3))
                    + (r.IsDBNull(4) ? "" : $"；{(r.IsDBNull(5) || r.GetString(5) == "hard" ? "退信（地址无效）" : "暂时退信")}"), RunOf(r, 6),
                    "/digests/" + digest, action, said);
            });
        Read("""
            SELECT s.suppressed_at, s.reason FROM outreach.readers r JOIN outreach.mail_suppressions s ON s.address = lower(r.email) WHERE r.id = $1
            """, r => (At(r, 0), TimelineKinds.Suppression, $"邮箱地址已停止发信：{SuppressionText(r.GetString(1))}", null, null, null));
        Read("""
            SELECT updated_at, unsubscribed_at IS NOT NULL, kinds FROM outreach.mail_preferences WHERE reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Preferences, "读者的邮件偏好（当前）：" + (r.GetBoolean(1) ? "已退订周报"
                : r.IsDBNull(2) ? "接收全部活动" : $"只接收 {string.Join("、", r.GetFieldValue<string[]>(2))}"), null,
                string.Create(CultureInfo.InvariantCulture, $"/readers/{readerId}#consents"), null));
        // Seats: the registration as it stands, its check-in, and each notice its changes owed (confirmed, waitlisted, offered,
        // cancelled...), which is its history.
        Read("""
            SELECT g.created_at, e.title, g.event_id, g.status, g.channel, g.guests FROM outreach.seat_registrations g JOIN outreach.events e ON e.id = g.event_id
            WHERE g.reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Seat,
                $"报名活动《{r.GetString(1)}》（{SeatChannelText(r.GetString(4))}{(r.GetInt32(5) > 0 ? $"，同行 {r.GetInt32(5)} 人" : "")}），当前状态：{SeatStatusText(r.GetString(3))}",
                null, SeatLink(r.GetInt64(2)), null));
        Read("""
            SELECT g.updated_at, e.title, g.event_id, g.status FROM outreach.seat_registrations g JOIN outreach.events e ON e.id = g.event_id
            WHERE g.reader_id = $1 AND g.status IN ('cancelled', 'expired')
            """, r => (At(r, 0), TimelineKinds.Seat, $"活动《{r.GetString(1)}》：{(r.GetString(3) == "cancelled" ? "报名已取消" : "空位邀请未在期限内确认，已过期")}",
                null, SeatLink(r.GetInt64(2)), null));
        Read("""
            SELECT g.checked_in_at, e.title, g.event_id FROM outreach.seat_registrations g JOIN outreach.events e ON e.id = g.event_id
            WHERE g.reader_id = $1 AND g.checked_in_at IS NOT NULL
            """, r => (At(r, 0), TimelineKinds.Attendance, $"活动《{r.GetString(1)}》签到到场", null, SeatLink(r.GetInt64(2)), null));
        Read("""
            SELECT coalesce(n.sent_at, n.created_at), e.title, g.event_id, n.kind, n.status
            FROM outreach.seat_registrations g JOIN outreach.seat_notices n ON n.registration_id = g.id JOIN outreach.events e ON e.id = g.event_id
            WHERE g.reader_id = $1
            """, r => (At(r, 0), TimelineKinds.SeatNotice,
                $"活动《{r.GetString(1)}》的报名通知（{SeatNoticeKindText(r.GetString(3))}）：{SeatNoticeStatusText(r.GetString(4))}", null, SeatLink(r.GetInt64(2)), null));
        Read("""
            SELECT at, source, subscribed, kinds, run_id FROM outreach.mail_consents WHERE reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Consent,
                $"邮件同意记录（{ConsentSourceText(r.GetString(1))}）：" + (r.GetBoolean(2)
                    ? (r.IsDBNull(3) ? "订阅全部活动" : $"只订阅 {string.Join("、", r.GetFieldValue<string[]>(3))}")
                    : "不接收周报"), RunOf(r, 4), null, null));
        Read("""
            SELECT created_at, order_ref, title, status, status_reason FROM outreach.book_orders WHERE reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Order, $"荐购 {r.GetString(1)}《{r.GetString(2)}》，当前状态：{OrderStatusText(r.GetString(3))}", null,
                "/orders/details/" + r.GetString(1), null));
        ReadSaid("""
            SELECT coalesce(n.sent_at, n.given_up_at, n.last_try_at, n.created_at), o.order_ref, n.kind, n.sent_at IS NOT NULL,
                   n.given_up_at IS NOT NULL, n.attempts, n.last_error
            FROM outreach.book_orders o JOIN outreach.book_order_notices n ON n.order_id = o.id WHERE o.reader_id = $1
            """, r =>
            {
                var (orderRef, kind, sent, givenUp) = (r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetBoolean(4));
                var said = givenUp && !sent && !r.IsDBNull(6) ? TextScrubber.Scrub(r.GetString(6)) : null;
                var text = $"{orderRef} 的读者通知（{NoticeKindText(kind)}）：" + (sent ? "已发送" : givenUp ? "发送失败" : $"待发送（已尝试 {r.GetInt32(5)} 次）");
                return (At(r, 0), TimelineKinds.Notice, text, null, "/orders/details/" + orderRef,
                    givenUp && !sent ? new TimelineAction(TimelineAction.ResendNotice, orderRef, kind) : null, said);
            });
        Read("""
            SELECT month, visits, loans, sessions, attendance, last_run_id FROM outreach.activity_months WHERE reader_id = $1
            """, r => (new DateTimeOffset(r.GetFieldValue<DateOnly>(0).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), TimelineKinds.Activity,
                string.Create(CultureInfo.InvariantCulture,
                    $"{r.GetFieldValue<DateOnly>(0):yyyy-MM} 月：到馆 {r.GetInt32(1)} 次，借阅 {r.GetInt32(2)} 次，电子资源 {r.GetInt32(3)} 次，活动签到 {r.GetInt32(4)} 次"),
                RunOf(r, 5), null, null));

        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            foreach (var item in sources)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(item(reader));
                }

                await reader.NextResultAsync(cancellationToken);
            }
        }

        // No reader, no history: every source is read by the reader's id, the first being the reader's own row.
        if (rows.Count == 0)
        {
            return [];
        }

        var runs = await RunsAsync(connection, rows.Where(r => r.RunId is not null).Select(r => r.RunId!.Value).Distinct().ToArray(), cancellationToken);
        return rows
            .Select(r => new TimelineItem(r.At, r.Kind, r.Text, r.RunId is { } id ? runs.GetValueOrDefault(id, new TimelineRun(id, "", null)) : null, r.Link, r.Action, r.Said))
            .OrderByDescending(i => i.At)
            .ToList();
    }

    private static async Task<Dictionary<long, TimelineRun>> RunsAsync(NpgsqlConnection connection, long[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, job, hangfire_job_id FROM outreach.job_runs WHERE id = ANY($1)", connection);
        command.Parameters.AddWithValue(ids);
        var runs = new Dictionary<long, TimelineRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs[reader.GetInt64(0)] = new TimelineRun(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        return runs;
    }

    private static string ReaderStatusText(string status) => status switch
    {
        "active" => "在册",
        "moved_out" => "已迁出",
        "withdrawn" => "已退出",
        "deceased" => "已故",
        _ => status,
    };

    private static string CardEventText(string code) => code switch
    {
        "issued" => "发证",
        "withdrawn" => "注销",
        "reactivated" => "恢复",
        _ => code,
    };

    private static string CardStatusText(string status) => status switch
    {
        "active" => "有效",
        "suspended" => "暂停",
        "withdrawn" => "注销",
        _ => status,
    };

    private static string DeliveryText(string status, string? skipReason) => status switch
    {
        "sent" => "已发送",
        "failed" => "发送失败",
        "skipped" => "未发送" + (skipReason is null ? "" : $"（{skipReason}）"),
        "sending" => "发送中断，待核实",
        _ => "待发送",
    };

    private static string ConsentSourceText(string source) => source switch
    {
        "roster" => "社区名册",
        "preferences_page" => "偏好设置页",
        "unsubscribe_link" => "退订链接",
        "unsubscribe_mail" => "退订邮件",
        "erasure" => "删除个人信息",
        _ => source,
    };

    // The order pages' words for the same states (Orders/OrdersText "Status.*").
    private static string OrderStatusText(string status) => status switch
    {
        "held" => "暂扣待处理",
        "pending" => "待推送",
        "failed" => "推送失败",
        "declined" => "书店婉拒",
        "rejected" => "已拒绝",
        "accepted" => "书店已接单",
        "sourcing" => "采购中",
        "backordered" => "缺货待补",
        "shipped" => "已发货",
        "ready_for_pickup" => "可取书",
        "delivered" => "已送达",
        "cancelled" => "已取消",
        _ => status,
    };

    private static string SeatLink(long eventId) => "/seats/" + eventId.ToString(CultureInfo.InvariantCulture);

    private static string SuppressionText(string reason) => reason switch
    {
        "hard bounce" => "退信（地址无效）",
        ReaderDeskActions.MarkedBadReason => "服务台标记为无效地址",
        _ when reason.EndsWith(" soft bounces", StringComparison.Ordinal) => $"多次暂时退信（{reason.Split(' ')[0]} 次）",
        _ => reason,
    };

    private static string SeatChannelText(string channel) => channel switch
    {
        "digest" => "通过周报链接",
        "public" => "通过活动页面",
        "staff" => "工作人员代报",
        "walk_in" => "现场到场",
        _ => channel,
    };

    private static string SeatStatusText(string status) => status switch
    {
        "registered" => "已报名",
        "waiting" => "候补中",
        "offered" => "已获空位邀请，待确认",
        "cancelled" => "已取消",
        "expired" => "邀请已过期",
        _ => status,
    };

    private static string SeatNoticeKindText(string kind) => kind switch
    {
        "confirmed" => "报名成功",
        "waiting" => "进入候补",
        "offered" => "空位邀请",
        "reminder" => "活动提醒",
        "changed" => "活动变更",
        "cancelled" => "报名取消",
        _ => kind,
    };

    private static string SeatNoticeStatusText(string status) => status switch
    {
        "sent" => "已发送",
        "failed" => "发送失败",
        "skipped" => "未发送",
        "sending" => "发送中断，待核实",
        _ => "待发送",
    };

    private static string NoticeKindText(string kind) => kind switch
    {
        "ready_for_pickup" => "到书可取",
        "cancelled" => "订单取消",
        "rejected" => "订单被拒",
        _ => kind,
    };
}
