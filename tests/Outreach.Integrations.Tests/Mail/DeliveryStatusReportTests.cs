using MimeKit;
using Outreach.Integrations.Mail;

namespace Outreach.Integrations.Tests.Mail;

public sealed class DeliveryStatusReportTests
{
    private const string Bounces = "bounces@lib.example.cn";

    private static MimeMessage Dsn(string to, params (string Recipient, string Action, string Status)[] recipients)
    {
        var status = new MessageDeliveryStatus();
        status.StatusGroups.Add(new HeaderList { { "Reporting-MTA", "dns; mx.example.cn" } });
        foreach (var (recipient, action, code) in recipients)
        {
            status.StatusGroups.Add(new HeaderList
            {
                { "Final-Recipient", "rfc822; " + recipient }, { "Action", action }, { "Status", code }, { "Diagnostic-Code", "smtp; 550 5.1.1 unknown" },
            });
        }

        var original = new MimeMessage();
        original.Headers.Add("X-Outreach-Delivery", "tag123");
        original.Headers.Add("Subject", "digest");
        var report = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "failed" }, status, new TextRfc822Headers { Message = original } };
        var message = new MimeMessage([MailboxAddress.Parse("MAILER-DAEMON@mx.example.cn")], [MailboxAddress.Parse(to)], "Undelivered", report)
        {
            MessageId = "dsn-1@mx.example.cn",
        };

        // Through the wire format and back, as it would come out of the mailbox.
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        buffer.Position = 0;
        return MimeMessage.Load(buffer);
    }

    [Fact]
    public void A_failed_5xx_recipient_is_a_hard_bounce_and_the_VERP_tag_and_original_headers_are_read()
    {
        var report = DeliveryStatusReport.Parse(Dsn("bounces+abc234@lib.example.cn", ("r1@mail.example.cn", "failed", "5.1.1")), Bounces);

        Assert.NotNull(report);
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal("r1@mail.example.cn", recipient.Address);
        Assert.Equal(BounceKind.Hard, recipient.Kind);
        Assert.Equal("5.1.1", recipient.Status);
        Assert.Equal("abc234", report.VerpTag);
        Assert.Equal("tag123", report.OriginalHeaders["X-Outreach-Delivery"]);
        Assert.Equal("dsn-1@mx.example.cn", report.ReportKey);
    }

    [Fact]
    public void Delays_and_4xx_failures_are_soft_and_delivered_recipients_are_ignored()
    {
        var report = DeliveryStatusReport.Parse(Dsn(Bounces,
            ("a@x.cn", "delayed", "4.2.2"), ("b@x.cn", "failed", "4.4.7"), ("c@x.cn", "delivered", "2.0.0")), Bounces);

        Assert.NotNull(report);
        Assert.Equal(["a@x.cn", "b@x.cn"], report.Recipients.Select(r => r.Address));
        Assert.All(report.Recipients, r => Assert.Equal(BounceKind.Soft, r.Kind));
        Assert.Null(report.VerpTag);
    }

    [Fact]
    public void A_message_that_is_no_delivery_status_notification_is_not_a_report()
    {
        var letter = new MimeMessage([MailboxAddress.Parse("a@x.cn")], [MailboxAddress.Parse(Bounces)], "hello", new TextPart("plain") { Text = "hi" });

        Assert.Null(DeliveryStatusReport.Parse(letter, Bounces));
    }
}
