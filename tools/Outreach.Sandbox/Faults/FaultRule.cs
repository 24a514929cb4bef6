using System.Text.Json.Serialization;

namespace Outreach.Sandbox.Faults;

/// <summary>
/// One injected fault: what happens, where (community code, route name, mail recipient; unset matches all) and for
/// how many matching requests (Count; unset: until removed).
/// </summary>
public sealed record FaultRule
{
    public required FaultKind Kind { get; init; }

    /// <summary>Community code the fault applies to; unset: every community.</summary>
    public string? Community { get; init; }

    /// <summary>Route name (see CommunityRoutes); unset: every route.</summary>
    public string? Route { get; init; }

    /// <summary>For SMTP faults: the refused recipient address (refused at RCPT); unset: whole messages at DATA.</summary>
    public string? Recipient { get; init; }

    /// <summary>How many matching requests or messages it hits before it is used up; unset: until removed.</summary>
    public int? Count { get; init; }

    public int DelayMs { get; init; }

    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>The share of residents a truncated snapshot still serves.</summary>
    public int Percent { get; init; } = 50;

    public static FaultRule Delay(TimeSpan delay, string? community = null, string? route = null, int? count = null) =>
        new() { Kind = FaultKind.Delay, DelayMs = (int)delay.TotalMilliseconds, Community = community, Route = route, Count = count };

    public static FaultRule ServerError(int count, string? community = null, string? route = null) =>
        new() { Kind = FaultKind.ServerError, Count = count, Community = community, Route = route };

    public static FaultRule TooManyRequests(int count, int retryAfterSeconds = 1, string? community = null, string? route = null) =>
        new() { Kind = FaultKind.TooManyRequests, Count = count, RetryAfterSeconds = retryAfterSeconds, Community = community, Route = route };

    public static FaultRule TruncatedSnapshot(int percent, string? community = null, int? count = 1) =>
        new() { Kind = FaultKind.TruncatedSnapshot, Percent = percent, Community = community, Count = count };

    public static FaultRule BadToken(string? community = null, int? count = null) =>
        new() { Kind = FaultKind.BadToken, Community = community, Count = count };

    public static FaultRule DropConnection(int count, string? community = null, string? route = null) =>
        new() { Kind = FaultKind.DropConnection, Count = count, Community = community, Route = route };

    public static FaultRule SmtpTransient(int? count = 1, string? recipient = null) =>
        new() { Kind = FaultKind.SmtpTransient, Count = count, Recipient = recipient };

    public static FaultRule SmtpPermanent(int? count = 1, string? recipient = null) =>
        new() { Kind = FaultKind.SmtpPermanent, Count = count, Recipient = recipient };

    /// <summary>Whole messages are caught, then acknowledged <paramref name="delay"/> late (the next <paramref name="count"/>; unset: until removed).</summary>
    public static FaultRule SmtpDelayAfterAccept(TimeSpan delay, int? count = null) =>
        new() { Kind = FaultKind.SmtpDelayAfterAccept, DelayMs = (int)delay.TotalMilliseconds, Count = count };

    [JsonIgnore]
    public bool IsMail => Kind is FaultKind.SmtpTransient or FaultKind.SmtpPermanent or FaultKind.SmtpDelayAfterAccept;

    /// <summary>Why this rule cannot be applied, or null when it can.</summary>
    public string? Problem() =>
        !Enum.IsDefined(Kind) ? "unknown kind."
        : Count is < 1 ? "count must be at least 1 (leave it out for a fault that stays until removed)."
        : (Kind is FaultKind.Delay or FaultKind.DelayAfterAccept or FaultKind.SmtpDelayAfterAccept) && DelayMs < 1 ? "a delay needs delay_ms of at least 1."
        : Kind == FaultKind.TooManyRequests && RetryAfterSeconds < 0 ? "retry_after_seconds must not be negative."
        : Kind == FaultKind.TruncatedSnapshot && Percent is < 0 or > 99 ? "percent must be from 0 to 99."
        : IsMail && (Community is not null || Route is not null) ? "SMTP faults take a recipient, not a community or route."
        : Kind == FaultKind.SmtpDelayAfterAccept && Recipient is not null ? "a delayed acknowledgement is for whole messages: it takes no recipient."
        : !IsMail && Recipient is not null ? "only SMTP faults take a recipient."
        : null;

    internal bool Matches(FaultTarget target) =>
        (Community is null || string.Equals(Community, target.Community, StringComparison.OrdinalIgnoreCase))
        && (Route is null || string.Equals(Route, target.Route, StringComparison.OrdinalIgnoreCase))
        && string.Equals(Recipient, target.Recipient, StringComparison.OrdinalIgnoreCase);
}
