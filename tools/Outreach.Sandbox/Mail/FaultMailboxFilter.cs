using Outreach.Sandbox.Faults;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Outreach.Sandbox.Mail;

/// <summary>RCPT TO: accepts every recipient except those an SMTP fault names.</summary>
internal sealed partial class FaultMailboxFilter(FaultInjector faults, ILogger<FaultMailboxFilter> logger) : IMailboxFilter
{
    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
        Task.FromResult(true);

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        var fault = faults.TryConsume(FaultTarget.ForMail(to.AsAddress()), FaultKind.SmtpTransient, FaultKind.SmtpPermanent);
        if (fault is null)
        {
            return Task.FromResult(true);
        }

        Log.Refused(logger, fault.Kind);
        // Thrown rather than returning false: false always answers 550, and a transient fault must answer 4xx.
        throw new SmtpResponseException(fault.Kind == FaultKind.SmtpTransient
            ? new SmtpResponse(SmtpReplyCode.Unavailable, "4.2.1 Mailbox busy, try again later (sandbox fault)")
            : new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 No such mailbox (sandbox fault)"));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9303, Level = LogLevel.Information, Message = "Refused a recipient at RCPT: {Kind}")]
        public static partial void Refused(ILogger logger, FaultKind kind);
    }
}
