namespace Outreach.Integrations.Resilience;

/// <summary>Why a call to an outside system got no answer, once the resilience pipeline gave up on it.</summary>
public enum NoAnswer
{
    /// <summary>The system failed so often that the hub pauses calls to it (circuit open).</summary>
    CircuitOpen,

    /// <summary>It did not answer in time.</summary>
    TimedOut,

    /// <summary>It could not be reached (connection refused, name not found, connection lost).</summary>
    Unreachable,
}

/// <summary>
/// What a request to an outside system carries for <see cref="OutsideCallHandler"/>: the bearer token to send, and how
/// "no answer" reads in that system's own terms (the exception its port promises).
/// </summary>
internal sealed record OutsideCall(string? Token, Func<NoAnswer, Exception, Exception> NoAnswer)
{
    private static readonly HttpRequestOptionsKey<OutsideCall> Key = new("outreach.outside-call");

    public HttpRequestMessage Attach(HttpRequestMessage request)
    {
        request.Options.Set(Key, this);
        return request;
    }

    public static OutsideCall? Of(HttpRequestMessage request) => request.Options.TryGetValue(Key, out var call) ? call : null;
}
