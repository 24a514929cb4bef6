namespace Outreach.Worker.Digests.Content;

/// <summary>
/// The built-in templates of the digest mail ({{name}} placeholders; {{events}} is the event template repeated).
/// A folder set as Outreach:Digests:TemplateFolder replaces any of them with a file of the same name.
/// </summary>
internal static class DigestTemplates
{
    public const string DigestHtml = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{subject}}</title></head>
        <body style="margin:0;padding:0;background:#f5f7fa;font-family:'PingFang SC','Microsoft YaHei',sans-serif;color:#1f2933;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px;">
        <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:6px;">
        <tr><td style="padding:24px 28px 8px;">
        <h1 style="font-size:20px;margin:0 0 4px;">{{library}} · 本周活动</h1>
        <p style="margin:0;color:#616e7c;">{{community}} · {{period}}</p>
        </td></tr>
        <tr><td style="padding:8px 28px;">
        <p>尊敬的读者：以下是未来两周为{{community}}居民准备的活动，欢迎参加。每个活动都附有日历文件（.ics），可一键加入您的日历。</p>
        {{events}}
        </td></tr>
        <tr><td style="padding:16px 28px 24px;border-top:1px solid #d9e2ec;font-size:13px;color:#616e7c;">
        <p>您收到这封邮件，是因为您在社区登记时同意接收图书馆的活动通知。</p>
        <p><a href="{{preferences_url}}" style="color:#0b6e99;">选择想接收的活动类型</a> · <a href="{{unsubscribe_url}}" style="color:#0b6e99;">退订活动周报</a></p>
        </td></tr>
        </table>
        </td></tr></table>
        </body>
        </html>
        """;

    public const string EventHtml = """
        <div style="border-left:4px solid #0b6e99;padding:8px 12px;margin:16px 0;background:#f5f7fa;">
        <p style="margin:0;font-size:13px;color:#0b6e99;">{{kind}}</p>
        <h2 style="font-size:17px;margin:4px 0;">{{title}}</h2>
        <p style="margin:4px 0;">🕒 {{when}}<br>📍 {{venue}}{{capacity_html}}</p>
        <p style="margin:4px 0;">{{summary}}</p>
        {{registration_html}}
        </div>
        """;

    public const string DigestText = """
        {{library}} · 本周活动
        {{community}} · {{period}}

        尊敬的读者：以下是未来两周为{{community}}居民准备的活动，欢迎参加。每个活动都附有日历文件（.ics）。

        {{events}}
        ----
        您收到这封邮件，是因为您在社区登记时同意接收图书馆的活动通知。
        选择想接收的活动类型：{{preferences_url}}
        退订活动周报：{{unsubscribe_url}}
        """;

    public const string EventText = """
        【{{kind}}】{{title}}
        时间：{{when}}
        地点：{{venue}}{{capacity_text}}
        {{summary}}
        {{registration_text}}

        """;
}
