namespace Outreach.Sandbox.Faults;

/// <summary>The ways the outside world misbehaves on demand. JSON names are snake_case (server_error, smtp_transient...).</summary>
public enum FaultKind
{
    /// <summary>The response comes DelayMs late (then any other fault or the normal answer).</summary>
    Delay,

    /// <summary>HTTP 500.</summary>
    ServerError,

    /// <summary>HTTP 429 with Retry-After: RetryAfterSeconds.</summary>
    TooManyRequests,

    /// <summary>A full snapshot run serves only the first Percent% of residents (counted once per run, on its first page).</summary>
    TruncatedSnapshot,

    /// <summary>Every token is wrong: HTTP 401.</summary>
    BadToken,

    /// <summary>The connection is aborted without a response.</summary>
    DropConnection,

    /// <summary>SMTP 4xx: at RCPT for Recipient, else at the end of DATA.</summary>
    SmtpTransient,

    /// <summary>SMTP 5xx: at RCPT for Recipient, else at the end of DATA.</summary>
    SmtpPermanent,

    /// <summary>SMTP: the message is caught at the end of DATA, then the server's 250 comes DelayMs late.</summary>
    SmtpDelayAfterAccept,

    /// <summary>Bookstore orders: the order is stored, then the connection is aborted before the answer.</summary>
    DropAfterAccept,

    /// <summary>Bookstore orders: the order is stored, then the answer comes DelayMs late (a slow bookstore after it committed).</summary>
    DelayAfterAccept,

    /// <summary>Bookstore changes feed: every change of a page is served twice.</summary>
    DuplicateChanges,
}
