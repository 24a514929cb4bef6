using Npgsql;

namespace Outreach.Worker.Privacy;

/// <summary>One kind of data the hub holds about a resident: what it is, why it is held, for how long, and the rows.</summary>
public sealed record RecordSection(string Key, string Title, string Purpose, string Retention, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);

/// <summary>
/// Everything the hub holds about one reader, section by section, each with why it is held and for how long (in
/// Chinese: the file goes to the resident). New tables holding personal data add a section here.
/// </summary>
public sealed class ResidentRecord(NpgsqlDataSource dataSource)
{
    private sealed record Source(string Key, string Title, string Purpose, string Retention, string Sql);

    private static readonly Source[] Sources =
    [
        new("reader", "读者登记信息", "由社区居民系统按协议提供，用于办理和管理阅览证、匹配同一居民（身份证号只保存不可还原的密钥哈希和遮盖形式，不保存出生日期）。",
            "持证期间；阅览证注销且不在社区名册上满保存期限后删除个人字段。", """
            SELECT id AS reader_id, community, resident_id, name, id_masked, (id_hash IS NOT NULL) AS id_number_hash_held, phone, email, address,
                   status, wants_card, email_opt_in, source_updated_at, created_at, updated_at, erased_at
            FROM outreach.readers WHERE id = $1
            """),
        new("card", "阅览证", "阅览证的办理、状态及其变化，并告知所属社区。", "与读者登记信息相同；证号保留以核对借阅和订书记录。", """
            SELECT c.card_number, c.status, c.issued_on, c.issued_community, c.withdrawn_on,
                   (SELECT json_agg(json_build_object('event', e.event, 'community', e.community, 'at', e.at) ORDER BY e.id)
                    FROM outreach.card_events e WHERE e.card_id = c.id) AS history
            FROM outreach.cards c WHERE c.reader_id = $1
            """),
        new("moves", "社区迁移", "居民在社区之间迁移时保持同一读者记录和阅览证。", "与读者登记信息相同。", """
            SELECT from_community, to_community, moved_at FROM outreach.reader_moves WHERE reader_id = $1 ORDER BY id
            """),
        new("mail_choice", "活动周报订阅", "按您的选择发送或不发送活动周报。", "与读者登记信息相同。", """
            SELECT unsubscribed_at, kinds, updated_at FROM outreach.mail_preferences WHERE reader_id = $1
            """),
        new("mail_consent", "邮件同意记录", "证明您何时、通过何种途径（社区名册或您本人）同意或拒绝接收活动周报。", "长期保存，作为同意的证明；不含联系方式。", """
            SELECT at, source, community, run_id, subscribed, kinds FROM outreach.mail_consents WHERE reader_id = $1 ORDER BY id
            """),
        new("digests", "活动周报发送记录", "确保每期周报只发送一次，并统计送达情况。", "发送地址随个人字段一并删除；发送记录保留用于月度统计。", """
            SELECT g.community, g.iso_week, d.status, d.skip_reason, d.address, d.sent_at, d.bounced_at, d.bounce_kind
            FROM outreach.digest_deliveries d JOIN outreach.digests g ON g.id = d.digest_id WHERE d.reader_id = $1 ORDER BY g.iso_week
            """),
        new("bounces", "退信记录", "退信后停止向无效地址发信。", "地址随个人字段一并删除。", """
            SELECT address, kind, status_code, received_at FROM outreach.mail_bounces WHERE reader_id = $1 ORDER BY id
            """),
        new("orders", "图书订购", "为您向图书馆内新华书店订购图书并跟踪送达；只把阅览证号、书目和送达地点告诉书店。", "与预算账目一同保存。", """
            SELECT o.order_ref, o.isbn13, o.title, o.quantity, o.status, o.deliver_kind, o.deliver_community, o.created_at, o.status_changed_at,
                   (SELECT json_agg(json_build_object('kind', n.kind, 'sent_at', n.sent_at) ORDER BY n.created_at)
                    FROM outreach.book_order_notices n WHERE n.order_id = o.id) AS notices
            FROM outreach.book_orders o WHERE o.reader_id = $1 ORDER BY o.id
            """),
        new("activity", "到馆与借阅统计", "按月统计到馆、借阅、电子资源和活动参与次数，用于服务成效评估。", "长期保存；只含次数，不含具体内容。", """
            SELECT month, community, visits, loans, sessions, attendance FROM outreach.activity_months WHERE reader_id = $1 ORDER BY month
            """),
        new("quarantine", "未能导入的名册行", "社区名册中有误的行，供工作人员请社区更正。", "随个人字段一并删除其内容。", """
            SELECT q.community, q.row_number, q.reason_code, q.raw_masked, q.created_at, q.resolved_at
            FROM outreach.quarantine q JOIN outreach.readers r ON r.id = $1
            WHERE q.community = r.community AND q.resident_id = r.resident_id ORDER BY q.id
            """),
        new("staff_access", "工作人员查看与处理记录", "记录哪位工作人员何时查看、导出或处理了您的记录。", "按审计日志保存期限保存。", """
            SELECT at, actor, action FROM outreach.audit_log WHERE target = 'reader:' || $1::text ORDER BY id
            """),
        new("erasure", "删除回执", "您的个人信息删除记录。", "长期保存，作为删除的证明。", """
            SELECT receipt, reason, erased_at, card_number, erased FROM outreach.erasures WHERE reader_id = $1
            """),
    ];

    /// <summary>Every section (empty ones too, so the resident sees what the hub does not hold); null when there is no such reader.</summary>
    public async Task<IReadOnlyList<RecordSection>?> ReadAsync(long readerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for all sections.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var sections = new List<RecordSection>(Sources.Length);
        foreach (var source in Sources)
        {
            await using var command = new NpgsqlCommand(source.Sql, connection, transaction);
            command.Parameters.AddWithValue(readerId);
            var rows = new List<IReadOnlyDictionary<string, object?>>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new Dictionary<string, object?>(reader.FieldCount, StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            if (source.Key == "reader" && rows.Count == 0)
            {
                return null;
            }

            sections.Add(new RecordSection(source.Key, source.Title, source.Purpose, source.Retention, rows));
        }

        return sections;
    }
}
