namespace Outreach.Integrations.Mail;

/// <summary>The Outreach:Mail:BounceMailbox section: the IMAP mailbox that receives delivery status notifications.</summary>
public sealed class BounceMailboxOptions
{
    public const string SectionPath = MailOptions.SectionPath + ":BounceMailbox";

    /// <summary>Empty: no bounce mailbox; the bounces job fails naming this key.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 993;

    public MailSecurity Security { get; set; } = MailSecurity.SslOnConnect;

    public string? Username { get; set; }

    /// <summary>A secret: never logged.</summary>
    public string? Password { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>Messages read per run at most; the rest wait for the next run.</summary>
    public int MaxMessagesPerRun { get; set; } = 5000;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public override string ToString() => $"{Host}:{Port}/{Folder}";
}
