using System.Net.Http.Headers;

namespace Outreach.Integrations.Resilience;

/// <summary>
/// The wait a server asked for in its Retry-After header, capped so that one call never hangs:
/// a server that wants a long pause gets it from the job queue's next retry instead.
/// </summary>
internal static class RetryAfterDelay
{
    /// <returns>The wait to use, or null when the response names none (then the backoff decides).</returns>
    public static TimeSpan? From(HttpResponseMessage? response, TimeProvider timeProvider, TimeSpan maxDelay)
    {
        if (response?.Headers.RetryAfter is not RetryConditionHeaderValue retryAfter)
            return null;

        TimeSpan? asked = retryAfter switch
        {
            { Delta: TimeSpan delta } => delta,
            { Date: DateTimeOffset date } => date - timeProvider.GetUtcNow(),
            _ => null,
        };
        if (asked is not TimeSpan wait)
            return null;

        return wait < TimeSpan.Zero ? TimeSpan.Zero
            : wait > maxDelay ? maxDelay
            : wait;
    }
}
