namespace Outreach.Integrations.Mail;

/// <summary>The port to the SMTP relay. A session holds its connections; open one per batch of messages.</summary>
public interface IMailSender
{
    /// <summary>True when Outreach:Mail:Host is set.</summary>
    bool IsConfigured { get; }

    /// <summary>
    /// A sending session over up to <paramref name="connections"/> parallel connections (default: Outreach:Mail:Connections);
    /// callers send from as many tasks in parallel. Throws <see cref="MailNotConfiguredException"/> when mail is not configured.
    /// </summary>
    IMailSession OpenSession(int? connections = null);
}

/// <summary>Sends messages over pooled SMTP connections; disposing closes them politely (QUIT).</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <summary>Parallel connections of this session: the useful number of concurrent <see cref="SendAsync"/> calls.</summary>
    int Connections { get; }

    /// <summary>
    /// Sends one message and says what became of it. Never throws for SMTP refusals or network failures: those are outcomes.
    /// Cancellation is honoured only before the SMTP transaction starts, so a message is never cut off half-way.
    /// </summary>
    Task<SendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>Mail is used but Outreach:Mail:Host is not set.</summary>
public sealed class MailNotConfiguredException()
    : InvalidOperationException($"Mail is not configured: set {MailOptions.SectionPath}:Host (and {MailOptions.SectionPath}:From).");
