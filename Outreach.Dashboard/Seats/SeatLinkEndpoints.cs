using System.Globalization;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Digests;
using Outreach.Integrations.Logging;
using Outreach.Worker.Digests.Content;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Seats;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Seats.Residents;

namespace Outreach.Dashboard.Seats;

/// <summary>
/// A reader's own seat page, reached from the 报名 link of their digest or the cancel link of a seat mail: the reader's
/// signed token (the same as their unsubscribe link's) is the credential. GET only shows (mail scanners prefetch links);
/// POST registers, takes an offered seat or cancels.
/// </summary>
internal static partial class SeatLinkEndpoints
{
    public static IEndpointRouteBuilder MapSeatLinks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(DigestLinks.UnsubscribePath).AllowAnonymous();
        group.MapGet("/{token}/seats/{eventId:long}", ShowAsync);
        group.MapPost("/{token}/seats/{eventId:long}", ActAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ShowAsync(string token, long eventId, DigestTokens tokens, SeatEvents events, SeatBook book, DigestTemplate template,
        IOptionsMonitor<SeatsOptions> options, CancellationToken cancellationToken)
    {
        if (!tokens.TryReadReader(token, out var readerId))
        {
            return Refused();
        }

        if (readerId == 0)
        {
            return TestLink();
        }

        if (await events.FindAsync(eventId, cancellationToken) is not { } e)
        {
            return NoEvent();
        }

        var standing = await book.StandingAsync(eventId, readerId, cancellationToken);
        var action = $"{DigestLinks.UnsubscribePath}/{token}{DigestLinks.SeatsSegment}{eventId.ToString(CultureInfo.InvariantCulture)}";
        var body = SeatPageParts.EventCard(e, template) + standing.Verdict switch
        {
            SeatVerdict.NotRegistered when e.Open && !e.Cancelled => Form(action, "register", e.Free > 0 ? "确认报名" : "登记候补",
                SeatPageParts.GuestsField(options.CurrentValue.MaxGuests)),
            SeatVerdict.NotRegistered => "",
            SeatVerdict.Offered => $"<p>{SeatPageParts.Encode(SeatPageParts.Words(standing, template))}</p>" + Form(action, "accept", "确认参加", "") +
                                   Form(action, "cancel", "放弃名额", ""),
            _ => $"<p>{SeatPageParts.Encode(SeatPageParts.Words(standing, template))}</p>" + Form(action, "cancel", "取消报名", ""),
        };
        return ResidentPage.Html("活动报名", body);
    }

    private static async Task<IResult> ActAsync(string token, long eventId, HttpRequest request, DigestTokens tokens, SeatBook book, DigestTemplate template,
        ILogger<SeatBook> logger, CancellationToken cancellationToken)
    {
        if (!tokens.TryReadReader(token, out var readerId))
        {
            return Refused();
        }

        if (readerId == 0)
        {
            return TestLink();
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        var outcome = form?["action"].ToString() switch
        {
            "register" when SeatPageParts.Guests(form) is { } guests => await book.RegisterAsync(eventId, readerId, guests, SeatChannel.Digest, cancellationToken),
            "register" => new SeatOutcome(SeatVerdict.TooManyGuests),
            "accept" => await book.AcceptOfferAsync(eventId, readerId, cancellationToken),
            "cancel" => await book.CancelAsync(eventId, readerId, cancellationToken),
            _ => null,
        };
        if (outcome is null)
        {
            return ResidentPage.Html("无法处理", "<p>请求不完整，请返回活动页面重试。</p>", StatusCodes.Status400BadRequest);
        }

        Log.Acted(logger, eventId, readerId, outcome.Verdict);
        var back = $"{DigestLinks.UnsubscribePath}/{token}{DigestLinks.SeatsSegment}{eventId.ToString(CultureInfo.InvariantCulture)}";
        return ResidentPage.Html("活动报名", $"<p>{SeatPageParts.Encode(SeatPageParts.Words(outcome, template))}</p><p class=\"muted\"><a href=\"{back}\">返回活动页面</a></p>",
            SeatPageParts.Status(outcome.Verdict));
    }

    private static string Form(string action, string what, string label, string fields) =>
        $"<form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"action\" value=\"{what}\">{fields}<p><button type=\"submit\">{label}</button></p></form>";

    private static IResult Refused() => ResidentPage.Html("链接无效", "<p>这个链接无效或已损坏。请使用最近一封活动周报或报名邮件中的链接。</p>", StatusCodes.Status404NotFound);

    private static IResult NoEvent() => ResidentPage.Html("没有找到活动", "<p>没有找到可以报名的活动。</p>", StatusCodes.Status404NotFound);

    private static IResult TestLink() => ResidentPage.Html("测试邮件", "<p>这是图书馆工作人员测试邮件中的链接，不会报名。</p>");

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Seats + 20, Level = LogLevel.Information, Message = "Seat at event {EventId} for reader {ReaderId} by link: {Verdict}")]
        public static partial void Acted(ILogger logger, long eventId, long readerId, SeatVerdict verdict);
    }
}
