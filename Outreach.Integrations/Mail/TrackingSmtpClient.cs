using MailKit.Net.Smtp;
using MimeKit;

namespace Outreach.Integrations.Mail;

/// <summary>
/// MailKit's SMTP client, noting when the server took the recipient: a connection lost before that cannot have
/// delivered the message (safe to retry); one lost after it may have (the caller must not send it blindly again).
/// </summary>
internal sealed class TrackingSmtpClient : SmtpClient
{
    public bool RecipientAccepted { get; set; }

    protected override void OnRecipientAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        RecipientAccepted = true;
        base.OnRecipientAccepted(message, mailbox, response);
    }
}
