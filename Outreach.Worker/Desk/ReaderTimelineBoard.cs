using System.Globalization;
using Npgsql;
using Outreach.Integrations.PersonalData;

namespace Outreach.Worker.Desk;

/// <summary>
/// One reader's whole history for the service desk, newest first: roster rows and moves, card events and the statuses
/// pushed back, quarantined rows of the same resident, digests, consent, book orders and their notices, activity by
/// month; each with the run behind it. Every source is read through an index on the reader (migration 0012), so a
/// reader opens as fast in a district's registry as in a town's.
/// </summary>
public sealed class ReaderTimelineBoard(NpgsqlDataSource dataSource)
{
    /// <summary>The reader's timeline; empty when there is no such reader.</summary>
    public async Task<IReadOnlyList<TimelineItem>> TimelineAsync(long readerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<(DateTimeOffset At, string Kind, string Text, long? RunId, string? Link, TimelineAction? Action)>();

        async Task ReadAsync(string sql, Func<NpgsqlDataReader, (DateTimeOffset, string, string, long?, string?, TimelineAction?)> item)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue(readerId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(item(reader));
            }
        }

        static long? RunOf(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        static DateTimeOffset At(NpgsqlDataReader r, int i) => r.GetFieldValue<DateTimeOffset>(i);

        await ReadAsync("SELECT created_at, updated_at, community, last_run_id, status FROM outreach.readers WHERE id = $1", r =>
            (At(r, 0), TimelineKinds.Roster, $"首次登记（{r.GetString(2)}）", null, null, null));
        if (rows.Count == 0)
        {
            return [];
        }

        await ReadAsync("SELECT updated_at, status, last_run_id FROM outreach.readers WHERE id = $1", r =>
            (At(r, 0), TimelineKinds.Roster, $"名册最近一次更新，状态：{ReaderStatusText(r.GetString(1))}", RunOf(r, 2), null, null));
        await ReadAsync("""
            SELECT moved_at, from_community, to_community, run_id FROM outreach.reader_moves WHERE reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Move, $"从 {r.GetString(1)} 迁至 {r.GetString(2)}", RunOf(r, 3), null, null));
        // Issuing is recorded on the card itself (its day); later changes are card events.
        await ReadAsync("SELECT issued_on, card_number, status FROM outreach.cards WHERE reader_id = $1", r =>
            (new DateTimeOffset(r.GetFieldValue<DateOnly>(0).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), TimelineKinds.Card,
                $"读者证 {r.GetString(1)} 发证（当前状态：{CardStatusText(r.GetString(2))}）", null, null, null));
        await ReadAsync("""
            SELECT e.at, e.event, e.community, e.run_id, c.card_number
            FROM outreach.cards c JOIN outreach.card_events e ON e.card_id = c.id WHERE c.reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Card, $"读者证 {r.GetString(4)} {CardEventText(r.GetString(1))}（{r.GetString(2)}）", RunOf(r, 3), null, null));
        await ReadAsync("""
            SELECT o.created_at, o.status, o.sent_at, o.attempts, o.last_error, o.community
            FROM outreach.readers r JOIN outreach.card_status_outbox o ON o.community = r.community AND o.resident_id = r.resident_id
            WHERE r.id = $1
            """, r => (At(r, 0), TimelineKinds.CardStatus,
                $"向社区 {r.GetString(5)} 回传证件状态“{CardStatusText(r.GetString(1))}”：" + (r.IsDBNull(2)
                    ? $"尚未送达（已尝试 {r.GetInt32(3)} 次{(r.IsDBNull(4) ? "" : "，" + TextScrubber.Scrub(r.GetString(4)))}）"
                    : "已送达"), null, null, null));
        await ReadAsync("""
            SELECT q.created_at, q.reason_code, q.reason_text, q.run_id, q.resolved_at
            FROM outreach.readers r JOIN outreach.quarantine q ON q.community = r.community AND q.resident_id = r.resident_id
            WHERE r.id = $1
            """, r => (At(r, 0), TimelineKinds.Quarantine,
                $"名册行被隔离：{r.GetString(1)}（{TextScrubber.Scrub(r.GetString(2))}）{(r.IsDBNull(4) ? "，待处理" : "，已处理")}", RunOf(r, 3), null, null));
        await ReadAsync("""
            SELECT coalesce(d.sent_at, g.created_at), g.iso_week, d.status, d.skip_reason, d.bounced_at, d.bounce_kind, g.last_run_id, d.smtp_reply
            FROM outreach.digest_deliveries d JOIN outreach.digests g ON g.id = d.digest_id WHERE d.reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Digest, $"活动周报 {r.GetString(1)}：" + DeliveryText(r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(7) ? null : TextScrubber.Scrub(r.GetString(7)))
                + (r.IsDBNull(4) ? "" : $"；{(r.IsDBNull(5) || r.GetString(5) == "hard" ? "退信（地址无效）" : "暂时退信")}"), RunOf(r, 6), null, null));
        await ReadAsync("""
            SELECT at, source, subscribed, kinds, run_id FROM outreach.mail_consents WHERE reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Consent,
                $"邮件同意记录（{ConsentSourceText(r.GetString(1))}）：" + (r.GetBoolean(2)
                    ? (r.IsDBNull(3) ? "订阅全部活动" : $"只订阅 {string.Join("、", r.GetFieldValue<string[]>(3))}")
                    : "不接收周报"), RunOf(r, 4), null, null));
        await ReadAsync("""
            SELECT created_at, order_ref, title, status, status_reason FROM outreach.book_orders WHERE reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Order, $"荐购 {r.GetString(1)}《{r.GetString(2)}》，当前状态：{OrderStatusText(r.GetString(3))}", null,
                "/orders/details/" + r.GetString(1), null));
        await ReadAsync("""
            SELECT coalesce(n.sent_at, n.given_up_at, n.last_try_at, n.created_at), o.order_ref, n.kind, n.sent_at IS NOT NULL,
                   n.given_up_at IS NOT NULL, n.attempts, n.last_error
            FROM outreach.book_orders o JOIN outreach.book_order_notices n ON n.order_id = o.id WHERE o.reader_id = $1
            """, r =>
            {
                var (orderRef, kind, sent, givenUp) = (r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetBoolean(4));
                var error = r.IsDBNull(6) ? "" : "：" + TextScrubber.Scrub(r.GetString(6));
                var text = $"{orderRef} 的读者通知（{NoticeKindText(kind)}）：" + (sent ? "已发送" : givenUp ? $"发送失败{error}" : $"待发送（已尝试 {r.GetInt32(5)} 次）");
                return (At(r, 0), TimelineKinds.Notice, text, null, "/orders/details/" + orderRef,
                    givenUp && !sent ? new TimelineAction(TimelineAction.ResendNotice, orderRef, kind) : null);
            });
        await ReadAsync("""
            SELECT month, visits, loans, sessions, attendance, last_run_id FROM outreach.activity_months WHERE reader_id = $1
            """, r => (new DateTimeOffset(r.GetFieldValue<DateOnly>(0).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), TimelineKinds.Activity,
                string.Create(CultureInfo.InvariantCulture,
                    $"{r.GetFieldValue<DateOnly>(0):yyyy-MM} 月：到馆 {r.GetInt32(1)} 次，借阅 {r.GetInt32(2)} 次，电子资源 {r.GetInt32(3)} 次，活动签到 {r.GetInt32(4)} 次"),
                RunOf(r, 5), null, null));

        var runs = await RunsAsync(connection, rows.Where(r => r.RunId is not null).Select(r => r.RunId!.Value).Distinct().ToArray(), cancellationToken);
        return rows
            .Select(r => new TimelineItem(r.At, r.Kind, r.Text, r.RunId is { } id ? runs.GetValueOrDefault(id, new TimelineRun(id, "", null)) : null, r.Link, r.Action))
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

    private static string DeliveryText(string status, string? skipReason, string? reply) => status switch
    {
        "sent" => "已发送",
        "failed" => "发送失败" + (reply is null ? "" : "：" + reply),
        "skipped" => "未发送" + (skipReason is null ? "" : $"（{skipReason}）"),
        "sending" => "发送中断，待核实（可在周报页面处理）",
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

    private static string NoticeKindText(string kind) => kind switch
    {
        "ready_for_pickup" => "到书可取",
        "cancelled" => "订单取消",
        "rejected" => "订单被拒",
        _ => kind,
    };
}
