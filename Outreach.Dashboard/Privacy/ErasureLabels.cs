namespace Outreach.Dashboard.Privacy;

/// <summary>The receipt's words for what an erasure emptied (the codes of Outreach.Worker.Privacy.Erasure.ErasedFields), in Chinese for the resident.</summary>
internal static class ErasureLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["name"] = "姓名",
        ["id_number_hash"] = "身份证号的密钥哈希",
        ["id_number_mask"] = "身份证号的遮盖形式",
        ["phone"] = "手机号",
        ["email"] = "电子邮箱",
        ["address"] = "住址",
        ["birth_date"] = "出生日期",
        ["resident_id"] = "社区住户编号",
        ["mail_consent"] = "活动周报订阅（已停止发送）",
        ["digest_addresses"] = "周报发送记录中的邮箱地址",
        ["relay_replies"] = "邮件服务器回复",
        ["bounce_addresses"] = "退信记录中的邮箱地址",
        ["notice_errors"] = "订书通知的发送错误信息",
        ["quarantine_rows"] = "未能导入的名册行内容",
        ["sync_warnings"] = "名册同步提示中的住户编号",
        ["moves"] = "社区迁移记录中的住户编号",
    };

    public static string Of(string code) => Labels.GetValueOrDefault(code, code);
}
