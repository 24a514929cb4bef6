using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using Outreach.Integrations.Mail;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Content;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Seats.CheckIn;

namespace Outreach.Worker.Seats.Notices;

/// <summary>
/// Writes a seat notice in Chinese: what happened, the event, and the reader's own seat page to cancel (or take an offered
/// seat). A confirmation and a change carry the event's .ics (the digest's, same UID, so a calendar updates its entry).
/// </summary>
public sealed class SeatNoticeComposer(IOptionsMonitor<MailOptions> mail, DigestLinks links, CheckInLinks checkIn, DigestTemplate template,
    LibraryCalendar calendar)
{
    /// <returns>The message, or null when the reader's address is not an e-mail address.</returns>
    public OutgoingMail? Compose(ClaimedSeatNotice notice)
    {
        if (!MailboxAddress.TryParse(notice.Email, out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var settings = mail.CurrentValue;
        var from = MailboxAddress.Parse(settings.From!);
        var e = notice.Event;
        var page = DigestLinks.SeatUrl(links.For(notice.ReaderId), e.Id);
        var (subject, says, action) = Words(notice, page);
        var body = new StringBuilder()
            .Append("您好：\n\n").Append(says).Append("\n\n")
            .Append("活动：").Append(e.Title).Append('\n')
            .Append("时间：").Append(template.When(e.StartsAt, e.EndsAt)).Append('\n')
            .Append("地点：").Append(string.IsNullOrWhiteSpace(e.Venue) ? "待定" : e.Venue).Append('\n')
            .Append(notice.Guests > 0 && notice.Kind is SeatNoticeKind.Confirmed or SeatNoticeKind.Reminder
                ? string.Create(CultureInfo.InvariantCulture, $"同行人数：{notice.Guests}\n") : "")
            .Append(notice.Kind == SeatNoticeKind.Confirmed ? "\n入场签到：请在门口出示本邮件所附的二维码（checkin-qr.png），或报您的阅览证号。\n" : "")
            .Append('\n').Append(action).Append('：').Append(page).Append("\n\n— 图书馆\n")
            .ToString();

        var message = new MimeMessage
        {
            Subject = subject,
            // The same id on every try: a receiving server can spot a resend after a crash mid-send.
            MessageId = string.Create(CultureInfo.InvariantCulture, $"seat-{notice.Id}@{from.Domain}"),
            Date = calendar.Local(calendar.Now),
        };
        message.From.Add(new MailboxAddress(settings.FromName ?? "", from.Address));
        if (!string.IsNullOrWhiteSpace(settings.ReplyTo))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(settings.ReplyTo));
        }

        message.To.Add(new MailboxAddress("", to.Address));
        var text = new TextPart(TextFormat.Plain) { Text = body };
        if (notice.Kind is SeatNoticeKind.Confirmed or SeatNoticeKind.Changed && !e.Cancelled)
        {
            var ics = EventCalendarFile.Create(new DigestEvent(e.Id, e.Kind, e.Title, e.Summary, e.Venue, e.StartsAt, e.EndsAt, null, page, e.UpdatedAt),
                calendar.Zone, from.Address);
            var mixed = new Multipart("mixed")
            {
                text,
                new MimePart("text", "calendar")
                {
                    ContentType = { Charset = "utf-8", Parameters = { { "method", "PUBLISH" } } },
                    Content = new MimeContent(new MemoryStream(ics, writable: false)),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                    ContentTransferEncoding = ContentEncoding.Base64,
                    FileName = "event.ics",
                },
            };
            if (notice.Kind == SeatNoticeKind.Confirmed)
            {
                mixed.Add(new MimePart("image", "png")
                {
                    Content = new MimeContent(new MemoryStream(checkIn.QrCode(notice.RegistrationId), writable: false)),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                    ContentTransferEncoding = ContentEncoding.Base64,
                    FileName = "checkin-qr.png",
                });
            }

            message.Body = mixed;
        }
        else
        {
            message.Body = text;
        }

        return new OutgoingMail(message, to.Address);
    }

    private (string Subject, string Says, string Action) Words(ClaimedSeatNotice notice, string page)
    {
        var title = notice.Event.Title;
        return notice.Kind switch
        {
            SeatNoticeKind.Confirmed => ($"报名成功：{title}", "您已成功报名以下活动，名额已为您保留。请准时参加；如不能参加，请及时取消，把名额留给候补的读者。", "取消报名"),
            SeatNoticeKind.Waiting => ($"已登记候补：{title}",
                string.Create(CultureInfo.InvariantCulture, $"活动名额已满，您已登记候补，目前排在第 {notice.Position} 位。有空位时我们会发邮件通知您。"), "取消候补"),
            SeatNoticeKind.Offered => ($"候补名额已为您保留：{title}",
                $"有一个名额空出来了，已为您保留到 {template.When(notice.OfferExpiresAt!.Value, notice.OfferExpiresAt.Value)}。请在此之前打开下面的链接确认参加，逾期名额将顺延给下一位候补读者。",
                "确认参加或放弃名额"),
            SeatNoticeKind.Reminder => ($"活动提醒：{title}", "提醒您：您报名的活动即将开始，期待您的到来。", "如不能参加，请取消报名"),
            SeatNoticeKind.Changed => ($"活动信息有变：{title}", "您报名或候补的活动时间或地点有变，请以下面的信息为准。", "如不能参加，请取消报名"),
            SeatNoticeKind.Cancelled => ($"活动取消：{title}", "很抱歉，您报名或候补的以下活动已取消。给您带来不便，敬请谅解。", "活动页面"),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, "No mail is written for this kind."),
        };
    }

    /// <summary>True when what the notice says still holds (a confirmation of a seat given up since is not sent).</summary>
    public static bool StillHolds(ClaimedSeatNotice notice, DateTimeOffset now) => notice.Kind switch
    {
        SeatNoticeKind.Confirmed => notice.Status == SeatStatus.Registered,
        SeatNoticeKind.Reminder => notice.Status == SeatStatus.Registered && !notice.Event.Cancelled && now < notice.Event.StartsAt,
        SeatNoticeKind.Waiting => notice.Status == SeatStatus.Waiting,
        SeatNoticeKind.Offered => notice.Status == SeatStatus.Offered && notice.OfferExpiresAt > now,
        _ => true,
    };
}
