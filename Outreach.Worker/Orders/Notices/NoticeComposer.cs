using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using Outreach.Integrations.Bookstore;
using Outreach.Integrations.Mail;
using Outreach.Worker.Communities;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Orders.Notices;

/// <summary>The order facts a notice speaks of.</summary>
public sealed record NoticeSubject(string OrderRef, string Kind, string Title, string DeliverKind, string? DeliverCommunity, StoredMessage? Reason,
    string ReaderName, string Email);

/// <summary>Writes the reader's notice, in Chinese with an English paragraph, naming the book, the order and where to go.</summary>
public sealed class NoticeComposer(IOptionsMonitor<OrdersOptions> orders, IOptionsMonitor<CommunityCatalogOptions> communities, IOptionsMonitor<MailOptions> mail)
{
    /// <returns>The message, or null when the reader's address is not an e-mail address.</returns>
    public OutgoingMail? Compose(NoticeSubject notice)
    {
        if (!MailboxAddress.TryParse(notice.Email, out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var settings = mail.CurrentValue;
        var from = MailboxAddress.Parse(settings.From!);
        var (subject, body) = Text(notice, Place(notice));
        var message = new MimeMessage
        {
            Subject = subject,
            // The same id on every try: a receiving server or mail client can spot a resend after a crash mid-send.
            MessageId = $"{notice.OrderRef}.{notice.Kind}@{from.Domain}",
            Body = new TextPart(TextFormat.Plain) { Text = $"{notice.ReaderName}，您好：\n\n{body}\n\n— 图书馆 / The library\n" },
        };
        message.From.Add(new MailboxAddress(settings.FromName ?? "", from.Address));
        if (!string.IsNullOrWhiteSpace(settings.ReplyTo))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(settings.ReplyTo));
        }

        message.To.Add(new MailboxAddress(notice.ReaderName, to.Address));
        return new OutgoingMail(message, to.Address);
    }

    private static (string Subject, string Body) Text(NoticeSubject notice, string place) => Text(notice, place, NoticeReason.Of(notice.Reason));

    private static (string Subject, string Body) Text(NoticeSubject notice, string place, (string? Chinese, string? English) reason) => notice.Kind switch
    {
        NoticeKind.ReadyForPickup => (
            $"您预订的图书已到，可以领取：《{notice.Title}》",
            $"您预订的《{notice.Title}》（订单 {notice.OrderRef}）已到，请携带阅览证到{place}领取。\n\n" +
            $"Your requested book \"{notice.Title}\" (order {notice.OrderRef}) is ready for pickup at {place}. Please bring your reading card."),
        NoticeKind.Cancelled => (
            $"您预订的图书订单已取消：《{notice.Title}》",
            $"很抱歉，您预订的《{notice.Title}》（订单 {notice.OrderRef}）已被书店取消{Why(reason.Chinese)}。如有疑问，请联系图书馆。\n\n" +
            $"We are sorry: the bookstore cancelled your request for \"{notice.Title}\" (order {notice.OrderRef}){Because(reason.English)}. Please ask the library if you have questions."),
        NoticeKind.Rejected => (
            $"您预订的图书无法订购：《{notice.Title}》",
            $"很抱歉，书店无法接受您预订的《{notice.Title}》（订单 {notice.OrderRef}）{Why(reason.Chinese)}。如有疑问，请联系图书馆。\n\n" +
            $"We are sorry: the bookstore could not take your request for \"{notice.Title}\" (order {notice.OrderRef}){Because(reason.English)}. Please ask the library if you have questions."),
        _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, "No notice is written for this kind."),
    };

    private string Place(NoticeSubject notice)
    {
        if (notice.DeliverKind != DeliverTo.CommunityRoom || notice.DeliverCommunity is null)
        {
            return orders.CurrentValue.LibraryDeskName;
        }

        var name = communities.CurrentValue.Communities.TryGetValue(notice.DeliverCommunity, out var community) && community.Name.Length > 0
            ? community.Name
            : notice.DeliverCommunity;
        return $"{name}社区图书室 ({name} reading room)";
    }

    private static string Why(string? reason) => reason is null ? "" : $"（原因：{reason}）";

    private static string Because(string? reason) => reason is null ? "" : $" ({reason})";
}
