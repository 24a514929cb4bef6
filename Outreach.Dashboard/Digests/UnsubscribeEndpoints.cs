using System.Text;
using Outreach.Integrations.Logging;
using Outreach.Worker.Digests.Consent;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Digests.Preferences;

namespace Outreach.Dashboard.Digests;

/// <summary>
/// The links of a digest, without login: one-click unsubscribe (RFC 8058: POST, no redirect, idempotent, effective at
/// once, also for the rest of a digest still being sent), a confirmation page for GET (mail scanners prefetch links, so a
/// GET changes nothing), and the choice of kinds of event. The token is the only credential; a forged one is refused.
/// </summary>
internal static partial class UnsubscribeEndpoints
{
    public static IEndpointRouteBuilder MapUnsubscribe(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(DigestLinks.UnsubscribePath).AllowAnonymous();
        group.MapGet("/{token}", Confirm);
        // A literal segment: routing prefers it to the token parameter.
        group.MapGet("/" + ResidentPage.StylesheetFile, () => Results.Text(ResidentPage.Style, "text/css; charset=utf-8"));
        group.MapPost("/{token}", UnsubscribeAsync).DisableAntiforgery();
        group.MapGet("/{token}/preferences", PreferencesAsync);
        group.MapPost("/{token}/preferences", ChooseAsync).DisableAntiforgery();
        return app;
    }

    private static IResult Confirm(string token, DigestTokens tokens)
    {
        if (!tokens.TryReadReader(token, out var readerId))
            return Refused();
        if (readerId == 0)
            return TestLink();

        return ResidentPage.Html("退订活动周报",
            "<p>确认后，您将不再收到图书馆的活动周报。</p>" +
            $"<form method=\"post\" action=\"{DigestLinks.UnsubscribePath}/{token}\"><button type=\"submit\">确认退订</button></form>" +
            $"<p class=\"muted\">只想少收一些？<a href=\"{DigestLinks.UnsubscribePath}/{token}/preferences\">选择想接收的活动类型</a></p>");
    }

    private static async Task<IResult> UnsubscribeAsync(string token, DigestTokens tokens, MailPreferences preferences, ILogger<MailPreferences> logger,
        CancellationToken cancellationToken)
    {
        if (!tokens.TryReadReader(token, out var readerId))
            return Refused();
        if (readerId == 0)
            return TestLink();
        if (!await preferences.UnsubscribeAsync(readerId, ConsentSources.UnsubscribeLink, cancellationToken))
            return Refused();

        Log.Unsubscribed(logger, readerId);
        return ResidentPage.Html("已退订",
            "<p>您已退订图书馆的活动周报，之后不会再收到。</p>" +
            $"<p class=\"muted\">改变主意了？<a href=\"{DigestLinks.UnsubscribePath}/{token}/preferences\">重新选择想接收的活动</a></p>");
    }

    private static async Task<IResult> PreferencesAsync(string token, DigestTokens tokens, MailPreferences preferences, CancellationToken cancellationToken)
    {
        if (!tokens.TryReadReader(token, out var readerId))
            return Refused();
        if (readerId == 0)
            return TestLink();
        var choice = await preferences.FindAsync(readerId, cancellationToken);
        if (choice is null)
            return Refused();

        var boxes = new StringBuilder();
        foreach (var kind in EventKinds.All)
        {
            var on = choice.Kinds is null || choice.Kinds.Contains(kind.Code);
            boxes.Append($"<label><input type=\"checkbox\" name=\"kind\" value=\"{kind.Code}\"{(on ? " checked" : "")}> {ResidentPage.Encode(kind.Label)}</label>");
        }

        // Subscribing again is a choice of its own, never implied by saving kinds: an unsubscribed reader must tick it.
        var state = choice.Unsubscribed
            ? "<p>您目前已退订活动周报。只有勾选下面的“重新订阅”并保存，才会重新收到。</p>" +
              "<label><input type=\"checkbox\" name=\"resubscribe\" value=\"yes\"> 重新订阅活动周报</label>"
            : "";
        return ResidentPage.Html("选择想接收的活动",
            $"<form method=\"post\" action=\"{DigestLinks.UnsubscribePath}/{token}/preferences\">{boxes}{state}<p><button type=\"submit\">保存</button></p></form>" +
            $"<p class=\"muted\"><a href=\"{DigestLinks.UnsubscribePath}/{token}\">全部退订</a></p>");
    }

    private static async Task<IResult> ChooseAsync(string token, HttpRequest request, DigestTokens tokens, MailPreferences preferences,
        CancellationToken cancellationToken)
    {
        if (!tokens.TryReadReader(token, out var readerId))
            return Refused();
        if (readerId == 0)
            return TestLink();

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        var kinds = form?["kind"].Where(k => k is not null).Select(k => k!).ToList() ?? [];
        var resubscribe = string.Equals(form?["resubscribe"].ToString(), "yes", StringComparison.Ordinal);
        var chosen = kinds.Where(EventKinds.IsKnown).Distinct(StringComparer.Ordinal).Select(EventKinds.Label).ToList();
        var summary = chosen.Count == EventKinds.All.Count ? "全部活动" : string.Join("、", chosen);
        return await preferences.ChooseAsync(readerId, kinds, resubscribe, cancellationToken) switch
        {
            ChoiceOutcome.Subscribed => ResidentPage.Html("已保存", $"<p>之后的活动周报只包含：{ResidentPage.Encode(summary)}。</p>"),
            ChoiceOutcome.NothingChosen => ResidentPage.Html("已保存", "<p>您没有选择任何活动类型，之后不会收到活动周报。</p>"),
            ChoiceOutcome.StillUnsubscribed => ResidentPage.Html("已保存",
                "<p>已记下您选择的活动类型。您仍处于退订状态，不会收到活动周报；如需重新订阅，请勾选“重新订阅活动周报”后保存。</p>" +
                $"<p class=\"muted\"><a href=\"{DigestLinks.UnsubscribePath}/{token}/preferences\">返回选择</a></p>"),
            _ => Refused(),
        };
    }

    private static IResult Refused() => ResidentPage.Html("链接无效",
        "<p>这个链接无效或已损坏。请使用最近一封活动周报中的链接。</p>", StatusCodes.Status404NotFound);

    private static IResult TestLink() => ResidentPage.Html("测试邮件", "<p>这是图书馆工作人员测试邮件中的链接，不会改变任何设置。</p>");

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.DigestEndpoints + 1, Level = LogLevel.Information, Message = "Reader {ReaderId} unsubscribed from the digest")]
        public static partial void Unsubscribed(ILogger logger, long readerId);
    }
}
