namespace Outreach.Integrations.Mail;

/// <summary>How the SMTP connection is secured (MailKit's SecureSocketOptions, named for configuration).</summary>
public enum MailSecurity
{
    /// <summary>STARTTLS when the server offers it, plain otherwise.</summary>
    Auto,

    /// <summary>Plain SMTP (a relay on the same machine or the sandbox).</summary>
    None,

    /// <summary>STARTTLS, required.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>The Outreach:Mail section: the SMTP relay, the sender identity, throughput limits and DKIM.</summary>
public sealed class MailOptions
{
    public const string SectionPath = "Outreach:Mail";

    /// <summary>The SMTP relay; empty means mail is not configured and jobs that send fail, naming this key.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public MailSecurity Security { get; set; } = MailSecurity.Auto;

    public string? Username { get; set; }

    /// <summary>A secret: never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The From address, e.g. library@example.edu.cn.</summary>
    public string? From { get; set; }

    public string? FromName { get; set; }

    public string? ReplyTo { get; set; }

    /// <summary>
    /// The envelope sender (MAIL FROM) of every message, e.g. bounces@example.edu.cn; each message gets its own
    /// VERP form (bounces+TAG@...) so a delivery status notification names the delivery it is about. Empty: From.
    /// </summary>
    public string? BounceAddress { get; set; }

    /// <summary>Parallel SMTP connections of one sending session.</summary>
    public int Connections { get; set; } = 4;

    /// <summary>Messages sent over one connection before it is closed and opened again.</summary>
    public int MessagesPerConnection { get; set; } = 100;

    /// <summary>Messages per second over all connections of this process, so a small relay is not overrun; 0 for no limit.</summary>
    public double MessagesPerSecond { get; set; } = 50;

    /// <summary>One message's SMTP transaction, connecting included.</summary>
    public TimeSpan MessageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Further attempts after a transient (4xx) refusal or a lost connection before the server accepted anything.</summary>
    public int TransientRetries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public DkimOptions Dkim { get; set; } = new();

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public override string ToString() => $"{Host}:{Port} ({Security})";
}

/// <summary>The Outreach:Mail:Dkim section: messages are DKIM-signed when a private key is configured.</summary>
public sealed class DkimOptions
{
    /// <summary>The signing domain (d=).</summary>
    public string? Domain { get; set; }

    /// <summary>The selector (s=): the public key is published at SELECTOR._domainkey.DOMAIN.</summary>
    public string? Selector { get; set; }

    /// <summary>A PEM file with the RSA private key.</summary>
    public string? PrivateKeyPath { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(PrivateKeyPath);
}
