using System.Globalization;
using Outreach.Worker.Digests.Content;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Seats.Residents;

namespace Outreach.Dashboard.Seats;

/// <summary>The pieces of the residents' seat pages: the event, a verdict in words, and its HTTP status.</summary>
internal static class SeatPageParts
{
    /// <summary>HTML-encodes markup characters only: Chinese stays readable in the page source (the page is UTF-8).</summary>
    public static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);

    public static string EventCard(SeatEvent e, DigestTemplate template)
    {
        var seats = e.Cancelled ? "活动已取消"
            : !e.Open ? "报名已截止"
            : e.Free > 0 ? string.Create(CultureInfo.InvariantCulture, $"剩余名额：{e.Free} / {e.Capacity}")
            : string.Create(CultureInfo.InvariantCulture, $"名额已满（{e.Capacity}人），可登记候补，有空位时按顺序通知");
        return $"<p><strong>{SeatPageParts.Encode(e.Title)}</strong><br><span class=\"muted\">{SeatPageParts.Encode(EventKinds.Label(e.Kind))}</span></p>" +
               $"<p>🕒 {SeatPageParts.Encode(template.When(e.StartsAt, e.EndsAt))}<br>📍 {SeatPageParts.Encode(string.IsNullOrWhiteSpace(e.Venue) ? "待定" : e.Venue)}</p>" +
               (string.IsNullOrWhiteSpace(e.Summary) ? "" : $"<p>{SeatPageParts.Encode(e.Summary)}</p>") +
               $"<p class=\"muted\">{SeatPageParts.Encode(seats)}</p>";
    }

    /// <summary>The verdict as the resident reads it.</summary>
    public static string Words(SeatOutcome outcome, DigestTemplate template) => outcome.Verdict switch
    {
        SeatVerdict.Registered => "报名成功，您已获得名额。确认邮件将发送到您登记的邮箱。",
        SeatVerdict.Waiting => string.Create(CultureInfo.InvariantCulture, $"名额已满，您在候补名单第 {outcome.Position} 位。有空位时我们会发邮件通知您。"),
        SeatVerdict.Offered => $"有一个名额为您保留，请在 {template.When(outcome.OfferExpiresAt!.Value, outcome.OfferExpiresAt.Value)} 前确认。",
        SeatVerdict.Cancelled => "已取消报名。",
        SeatVerdict.NotRegistered => "您目前没有报名这个活动。",
        SeatVerdict.OfferExpired => "很抱歉，为您保留名额的时间已过，名额已顺延给下一位候补。",
        SeatVerdict.Closed => "这个活动的报名已截止。",
        SeatVerdict.Over => "这个活动已取消或已开始，不能再报名。",
        SeatVerdict.NoSeats => "没有找到可以报名的活动。",
        SeatVerdict.NotAReader => "只有持有效阅览证的读者可以报名。请到图书馆服务台咨询。",
        SeatVerdict.TooManyGuests => "同行人数超过了允许的人数。",
        _ => "",
    };

    /// <summary>Requests that could not be met are 4xx with the reason; everything else is 200.</summary>
    public static int Status(SeatVerdict verdict) => verdict switch
    {
        SeatVerdict.Closed or SeatVerdict.Over or SeatVerdict.OfferExpired => StatusCodes.Status409Conflict,
        SeatVerdict.NoSeats => StatusCodes.Status404NotFound,
        SeatVerdict.NotAReader => StatusCodes.Status403Forbidden,
        SeatVerdict.TooManyGuests => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status200OK,
    };

    public static string GuestsField(int maxGuests)
    {
        if (maxGuests == 0)
        {
            return "";
        }

        var options = string.Concat(Enumerable.Range(0, maxGuests + 1).Select(n => string.Create(CultureInfo.InvariantCulture, $"<option value=\"{n}\">{n}</option>")));
        return $"<label>同行人数（不含本人）：<select name=\"guests\">{options}</select></label>";
    }

    /// <summary>The guests field as posted: null when it is not a whole number (absent means none).</summary>
    public static int? Guests(IFormCollection? form)
    {
        var value = form?["guests"].ToString();
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var guests) ? guests : null;
    }
}
