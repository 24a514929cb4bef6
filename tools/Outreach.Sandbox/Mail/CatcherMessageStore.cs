using System.Buffers;
using Outreach.Sandbox.Faults;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Outreach.Sandbox.Mail;

/// <summary>The end of DATA: keeps the message, unless a whole-message SMTP fault is in force.</summary>
internal sealed partial class CatcherMessageStore(MailCatcher catcher, FaultInjector faults, TimeProvider time, ILogger<CatcherMessageStore> logger)
    : MessageStore
{
    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
        ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (faults.TryConsume(FaultTarget.ForMail(null), FaultKind.SmtpTransient, FaultKind.SmtpPermanent) is { } fault)
        {
            Log.Refused(logger, fault.Kind);
            return fault.Kind == FaultKind.SmtpTransient
                ? new SmtpResponse(SmtpReplyCode.Aborted, "4.3.0 Temporary failure, try again later (sandbox fault)")
                : new SmtpResponse(SmtpReplyCode.TransactionFailed, "5.7.1 Message rejected (sandbox fault)");
        }

        var message = catcher.Add(
            transaction.From?.AsAddress() ?? "",
            [.. transaction.To.Select(to => to.AsAddress())],
            buffer.ToArray());
        Log.Caught(logger, message.Id, message.To.Count, buffer.Length);
        if (faults.TryConsume(FaultTarget.ForMail(null), FaultKind.SmtpDelayAfterAccept) is { } slow)
        {
            // Caught already: a client that gives up or dies meanwhile does not know the message arrived.
            Log.Slowed(logger, message.Id, slow.DelayMs);
            await Task.Delay(TimeSpan.FromMilliseconds(slow.DelayMs), time, cancellationToken);
        }

        return SmtpResponse.Ok;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9301, Level = LogLevel.Information, Message = "Caught mail {Id} for {Recipients} recipient(s), {Bytes} bytes")]
        public static partial void Caught(ILogger logger, long id, int recipients, long bytes);

        [LoggerMessage(EventId = 9302, Level = LogLevel.Information, Message = "Refused a message at DATA: {Kind}")]
        public static partial void Refused(ILogger logger, FaultKind kind);

        [LoggerMessage(EventId = 9304, Level = LogLevel.Information, Message = "Caught mail {Id}, acknowledgement held back {DelayMs} ms (sandbox fault)")]
        public static partial void Slowed(ILogger logger, long id, int delayMs);
    }
}
