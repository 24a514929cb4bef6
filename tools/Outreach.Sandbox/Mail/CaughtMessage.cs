using MimeKit;

namespace Outreach.Sandbox.Mail;

/// <summary>A message as the catcher received it: the SMTP envelope and the raw bytes, parsed with MimeKit on demand.</summary>
public sealed class CaughtMessage(long id, string from, IReadOnlyList<string> to, DateTimeOffset receivedAt, byte[] raw)
{
    public long Id { get; } = id;

    /// <summary>MAIL FROM (empty for a bounce's null sender).</summary>
    public string From { get; } = from;

    /// <summary>The accepted RCPT TO addresses.</summary>
    public IReadOnlyList<string> To { get; } = to;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public ReadOnlyMemory<byte> Raw { get; } = raw;

    public MimeMessage Parse()
    {
        using var stream = new MemoryStream(raw, writable: false);
        return MimeMessage.Load(stream);
    }
}
