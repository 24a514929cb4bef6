using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
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
/// The public page of an event with seats, for residents who come without a digest link: the card number and the last four
/// digits of the phone on record register. Attempts are limited per client address (Outreach:Seats:PublicAttemptsPerMinute),
/// so the four digits cannot be guessed.
/// </summary>
internal static partial class PublicSeatEndpoints
{
    public const string Path = "/events";
    public const string RateLimitPolicy = "seats-public";

    public static IServiceCollection AddPublicSeatRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(options => options.AddPolicy(RateLimitPolicy, new AttemptsPolicy()));

    public static IEndpointRouteBuilder MapPublicSeats(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).AllowAnonymous();
        group.MapGet("/{eventId:long}", ShowAsync);
        group.MapPost("/{eventId:long}", RegisterAsync).DisableAntiforgery().RequireRateLimiting(RateLimitPolicy);
        return app;
    }

    public static string PageOf(long eventId) => Path + "/" + eventId.ToString(CultureInfo.InvariantCulture);

    private static async Task<IResult> ShowAsync(long eventId, SeatEvents events, DigestTemplate template, IOptionsMonitor<SeatsOptions> options,
        CancellationToken cancellationToken)
    {
        if (await events.FindAsync(eventId, cancellationToken) is not { } e)
        {
            return ResidentPage.Html("没有找到活动", "<p>没有找到可以报名的活动。</p>", StatusCodes.Status404NotFound);
        }

        var form = e.Open && !e.Cancelled
            ? $"<form method=\"post\" action=\"{PageOf(eventId)}\">" +
              "<label>阅览证号：<input name=\"card\" autocomplete=\"off\" required maxlength=\"20\"></label>" +
              "<label>登记手机号后四位：<input name=\"phone4\" inputmode=\"numeric\" pattern=\"[0-9]{4}\" maxlength=\"4\" required></label>" +
              SeatPageParts.GuestsField(options.CurrentValue.MaxGuests) +
              $"<p><button type=\"submit\">{(e.Free > 0 ? "报名" : "登记候补")}</button></p></form>" +
              "<p class=\"muted\">收到活动周报的读者也可以直接点击邮件中的“报名”链接。</p>"
            : "";
        return ResidentPage.Html("活动报名", SeatPageParts.EventCard(e, template) + form);
    }

    private static async Task<IResult> RegisterAsync(long eventId, HttpRequest request, CardHolders holders, SeatBook book, DigestTokens tokens,
        DigestTemplate template, ILogger<CardHolders> logger, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        if (SeatPageParts.Guests(form) is not { } guests)
        {
            return Page(eventId, "同行人数不正确。", StatusCodes.Status400BadRequest);
        }

        var (check, readerId) = await holders.CheckAsync(form?["card"].ToString(), form?["phone4"].ToString(), cancellationToken);
        switch (check)
        {
            case CardCheck.Malformed:
                return Page(eventId, "请填写完整的阅览证号（ZB 开头，共 12 位）和登记手机号的后四位数字。", StatusCodes.Status400BadRequest);
            case CardCheck.NoMatch:
                Log.NoMatch(logger, eventId);
                return Page(eventId, "阅览证号与手机号后四位不符，或阅览证已失效。如有疑问，请到图书馆服务台咨询。", StatusCodes.Status403Forbidden);
        }

        var outcome = await book.RegisterAsync(eventId, readerId, guests, SeatChannel.Public, cancellationToken);
        Log.Registered(logger, eventId, readerId, outcome.Verdict);
        // The reader proved who they are: their own page (the same as their digest link's) lets them cancel later.
        var own = $"{DigestLinks.UnsubscribePath}/{tokens.ForReader(readerId)}{DigestLinks.SeatsSegment}{eventId.ToString(CultureInfo.InvariantCulture)}";
        var manage = outcome.Verdict is SeatVerdict.Registered or SeatVerdict.Waiting or SeatVerdict.Offered
            ? $"<p class=\"muted\">如需取消，请使用确认邮件中的链接，或<a href=\"{own}\">我的报名</a>。</p>"
            : "";
        return ResidentPage.Html("活动报名", $"<p>{SeatPageParts.Encode(SeatPageParts.Words(outcome, template))}</p>{manage}", SeatPageParts.Status(outcome.Verdict));
    }

    private static IResult Page(long eventId, string message, int status) =>
        ResidentPage.Html("活动报名", $"<p>{SeatPageParts.Encode(message)}</p><p class=\"muted\"><a href=\"{PageOf(eventId)}\">返回重新填写</a></p>", status);

    /// <summary>Attempts per client address per minute; showing the page costs nothing.</summary>
    private sealed class AttemptsPolicy : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            var permits = httpContext.RequestServices.GetRequiredService<IOptionsMonitor<SeatsOptions>>().CurrentValue.PublicAttemptsPerMinute;
            var address = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter("seats:" + address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }

        private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
        {
            var http = context.HttpContext;
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            Log.RateLimited(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PublicSeatEndpoints).FullName!));
            await ResidentPage.Html("请稍后再试", "<p>尝试次数过多，请一分钟后再试。</p>", StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Seats + 30, Level = LogLevel.Information, Message = "Seat at event {EventId} for reader {ReaderId} on the public page: {Verdict}")]
        public static partial void Registered(ILogger logger, long eventId, long readerId, SeatVerdict verdict);

        [LoggerMessage(EventId = LogEvents.Seats + 31, Level = LogLevel.Information, Message = "Public registration for event {EventId}: card and phone digits did not match")]
        public static partial void NoMatch(ILogger logger, long eventId);

        [LoggerMessage(EventId = LogEvents.Seats + 32, Level = LogLevel.Warning, Message = "Public seat registrations refused by the rate limit")]
        public static partial void RateLimited(ILogger logger);
    }
}
