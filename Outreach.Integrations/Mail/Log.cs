using Microsoft.Extensions.Logging;
using Outreach.Integrations.Logging;

namespace Outreach.Integrations.Mail;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEvents.Mail + 1, Level = LogLevel.Warning,
        Message = "SMTP connection to {Host} failed ({Failure}); recipient already accepted: {RecipientAccepted}")]
    public static partial void ConnectionFailed(ILogger logger, string host, string failure, bool recipientAccepted);

    [LoggerMessage(EventId = LogEvents.Mail + 2, Level = LogLevel.Warning, Message = "A message was deferred after {Attempts} attempt(s)")]
    public static partial void Deferred(ILogger logger, int attempts);

    [LoggerMessage(EventId = LogEvents.Mail + 3, Level = LogLevel.Information, Message = "Bounce mailbox {Mailbox}: {Count} message(s) to read")]
    public static partial void MailboxRead(ILogger logger, string mailbox, int count);
}
