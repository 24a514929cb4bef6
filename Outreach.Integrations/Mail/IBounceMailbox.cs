using MimeKit;

namespace Outreach.Integrations.Mail;

/// <summary>The port to the mailbox that receives delivery status notifications (and mailto unsubscribe requests).</summary>
public interface IBounceMailbox
{
    bool IsConfigured { get; }

    /// <summary>Opens the mailbox; throws <see cref="MailNotConfiguredException"/> when Outreach:Mail:BounceMailbox:Host is not set.</summary>
    Task<IBounceMailboxSession> OpenAsync(CancellationToken cancellationToken);
}

/// <summary>An open bounce mailbox: read what is new, then mark what was recorded so it is not read again.</summary>
public interface IBounceMailboxSession : IAsyncDisposable
{
    /// <summary>Unread messages, oldest first, at most Outreach:Mail:BounceMailbox:MaxMessagesPerRun.</summary>
    IAsyncEnumerable<MailboxMessage> ReadNewAsync(CancellationToken cancellationToken);

    /// <summary>Removes messages whose content the hub has recorded (flags them seen and deleted, then expunges).</summary>
    Task RemoveAsync(IReadOnlyCollection<uint> ids, CancellationToken cancellationToken);

    /// <summary>Leaves messages the hub cannot use in the mailbox for a person to read, flagged seen so they are not read again.</summary>
    Task MarkSeenAsync(IReadOnlyCollection<uint> ids, CancellationToken cancellationToken);
}

/// <summary>A message of the bounce mailbox: its IMAP UID and content.</summary>
public sealed record MailboxMessage(uint Id, MimeMessage Message);
