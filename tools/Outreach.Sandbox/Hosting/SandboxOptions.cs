using System.ComponentModel.DataAnnotations;

namespace Outreach.Sandbox.Hosting;

/// <summary>How the sandbox binds and what it holds at start; the "Sandbox" configuration section when run standalone.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Kestrel port on 127.0.0.1; 0 takes a free one.</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; }

    /// <summary>SMTP port on 127.0.0.1; 0 takes a free one.</summary>
    [Range(0, 65535)]
    public int SmtpPort { get; set; }

    /// <summary>IMAP port of the bounce mailbox on 127.0.0.1 (user <c>bounces</c>); 0 takes a free one.</summary>
    [Range(0, 65535)]
    public int ImapPort { get; set; }

    /// <summary>Folder for CSV drops of csv communities at start and of POST /_sandbox/communities/{code}/drop.</summary>
    public string? DropFolder { get; set; }

    public List<CommunitySeedOptions> Communities { get; set; } = [];

    /// <summary>The sandbox's clock (mail received times, stamped updated_at, delays, today's drop date).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the sandbox logs; it is silent when this is null.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
