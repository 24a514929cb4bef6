using System.Buffers;
using Outreach.Sandbox.Faults;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Outreach.Sandbox.Mail;

/// <summary>The end of DATA: keeps the message, unless a whole-message SMTP fault is in force.</summary>
internal sealed partial class CatcherMessageStore(MailCatcher catcher, FaultInjector faults, ILogger<CatcherMessageStore> logger) : MessageStore
{
    public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
        ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (faults.TryConsume(FaultTarget.ForMail(null), FaultKind.SmtpTransient, FaultKind.SmtpPermanent) is { } fault)
        {
            Log.Refused(logger, fault.Kind);
            return Task.FromResult(fault.Kind == FaultKind.SmtpTransient
                ? new SmtpResponse(SmtpReplyCode.Aborted, "4.3.0 Temporary failure, try again later (sandbox fault)")
                : new SmtpResponse(SmtpReplyCode.TransactionFailed, "5.7.1 Message rejected (sandbox fault)"));
        }

        var message = catcher.Add(
            transaction.From?.AsAddress() ?? "",
            [.. transaction.To.Select(to => to.AsAddress())],
            buffer.ToArray());
        Log.Caught(logger, message.Id, message.To.Count, buffer.Length);
        return Task.FromResult(SmtpResponse.Ok);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9301, Level = LogLevel.Information, Message = "Caught mail {Id} for {Recipients} recipient(s), {Bytes} bytes")]
        public static partial void Caught(ILogger logger, long id, int recipients, long bytes);

        [LoggerMessage(EventId = 9302, Level = LogLevel.Information, Message = "Refused a message at DATA: {Kind}")]
        public static partial void Refused(ILogger logger, FaultKind kind);
    }
}
