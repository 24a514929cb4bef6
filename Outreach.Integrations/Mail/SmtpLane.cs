using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Outreach.Integrations.Mail;

/// <summary>
/// One SMTP connection of a session: opened on first use, reused for several messages, closed (QUIT) after
/// Outreach:Mail:MessagesPerConnection and dropped after any failure (the next message opens a fresh one).
/// </summary>
internal sealed class SmtpLane(MailOptions options, TimeProvider clock, ILogger logger) : IAsyncDisposable
{
    private TrackingSmtpClient? _client;
    private int _sentOnConnection;

    /// <summary>One SMTP transaction, bounded by the per-message timeout; the outcome, never an exception for SMTP or network failures.</summary>
    public async Task<SendResult> SendAsync(MimeMessage message, MailboxAddress envelopeFrom, MailboxAddress recipient, int attempt)
    {
        using var timeout = new CancellationTokenSource(options.MessageTimeout, clock);
        var client = _client;
        try
        {
            if (client is null || !client.IsConnected)
            {
                await DropAsync();
                client = _client = await ConnectAsync(timeout.Token);
            }

            client.RecipientAccepted = false;
            var reply = await client.SendAsync(message, envelopeFrom, [recipient], timeout.Token);
            if (++_sentOnConnection >= options.MessagesPerConnection)
            {
                await QuitAsync();
            }

            return new SendResult(SendStatus.Accepted, SmtpReply.Scrub(reply), attempt);
        }
        catch (SmtpCommandException refused)
        {
            // A definite answer from the server: whatever it refused was not accepted.
            await DropAsync();
            var code = (int)refused.StatusCode;
            var reply = SmtpReply.Scrub($"{code} {refused.Message}");
            var forThisMessage = refused.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
            return new SendResult(code >= 500 && forThisMessage ? SendStatus.Rejected : SendStatus.Deferred, reply, attempt);
        }
        catch (Exception failure) when (IsConnectionFailure(failure))
        {
            var accepted = client?.RecipientAccepted == true;
            await DropAsync();
            Log.ConnectionFailed(logger, options.Host!, failure.GetType().Name, accepted);
            var what = failure is OperationCanceledException
                ? $"no answer within {options.MessageTimeout}"
                : $"{failure.GetType().Name}: {failure.Message}";
            return accepted
                ? new SendResult(SendStatus.Uncertain, SmtpReply.Scrub($"Connection lost after the recipient was accepted ({what})"), attempt)
                : new SendResult(SendStatus.Deferred, SmtpReply.Scrub($"Not sent ({what})"), attempt);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await QuitAsync();
        }
        finally
        {
            await DropAsync();
        }
    }

    private async Task<TrackingSmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new TrackingSmtpClient { Timeout = (int)options.MessageTimeout.TotalMilliseconds };
        // SMTP is short commands and replies: without NoDelay each message's last segment waits on the peer's delayed ACK (~40 ms).
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host!, options.Port, cancellationToken);
            await client.ConnectAsync(socket, options.Host!, options.Port, Socket(options.Security), cancellationToken);
            if (!string.IsNullOrWhiteSpace(options.Username))
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
            }

            _sentOnConnection = 0;
            return client;
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    private async Task QuitAsync()
    {
        if (_client is { IsConnected: true } client)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), clock);
                await client.DisconnectAsync(quit: true, timeout.Token);
            }
            catch (Exception failure) when (IsConnectionFailure(failure) || failure is SmtpCommandException)
            {
                // The messages are sent; a refused or lost QUIT changes nothing.
            }
        }

        await DropAsync();
    }

    private Task DropAsync()
    {
        _client?.Dispose();
        _client = null;
        _sentOnConnection = 0;
        return Task.CompletedTask;
    }

    internal static SecureSocketOptions Socket(MailSecurity security) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private static bool IsConnectionFailure(Exception failure) => failure is IOException or SocketException or OperationCanceledException
        or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException
        or SslHandshakeException or ProtocolException;
}
