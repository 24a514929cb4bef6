namespace Outreach.Integrations.Mail;

/// <summary>What became of one message.</summary>
public enum SendStatus
{
    /// <summary>The server accepted the message (250 after DATA).</summary>
    Accepted,

    /// <summary>Refused for good (5xx): the recipient or the message. Sending it again would not help.</summary>
    Rejected,

    /// <summary>Not accepted, for now: 4xx after every retry, or the server unreachable. Safe to send again later.</summary>
    Deferred,

    /// <summary>
    /// The connection failed after the server took the recipient, before it confirmed the message: it may or may not
    /// have been accepted. Sending again could deliver a second copy.
    /// </summary>
    Uncertain,
}

/// <summary>The outcome of one message, with the server's reply (or the failure) for staff to read.</summary>
public sealed record SendResult(SendStatus Status, string Reply, int Attempts)
{
    public bool IsAccepted => Status == SendStatus.Accepted;
}
