using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Outreach.Integrations.Resilience;

namespace Outreach.Integrations.Tests.Resilience;

public class RetryAfterDelayTests
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 1, 30, 0, TimeSpan.Zero));

    private static HttpResponseMessage TooManyRequests(RetryConditionHeaderValue? retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    [Fact]
    public void Retry_after_in_seconds_is_the_wait()
    {
        using var response = TooManyRequests(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)));

        Assert.Equal(TimeSpan.FromSeconds(3), RetryAfterDelay.From(response, _time, MaxDelay));
    }

    [Fact]
    public void Retry_after_as_a_date_is_measured_from_the_injected_clock()
    {
        using var response = TooManyRequests(new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(4)));

        Assert.Equal(TimeSpan.FromSeconds(4), RetryAfterDelay.From(response, _time, MaxDelay));
    }

    [Fact]
    public void Long_retry_after_is_capped_so_the_job_queue_does_the_long_wait()
    {
        using var response = TooManyRequests(new RetryConditionHeaderValue(TimeSpan.FromMinutes(30)));

        Assert.Equal(MaxDelay, RetryAfterDelay.From(response, _time, MaxDelay));
    }

    [Fact]
    public void Retry_after_date_in_the_past_means_no_wait()
    {
        using var response = TooManyRequests(new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(-4)));

        Assert.Equal(TimeSpan.Zero, RetryAfterDelay.From(response, _time, MaxDelay));
    }

    [Fact]
    public void Without_retry_after_the_backoff_decides()
    {
        using var response = TooManyRequests(retryAfter: null);

        Assert.Null(RetryAfterDelay.From(response, _time, MaxDelay));
        Assert.Null(RetryAfterDelay.From(response: null, _time, MaxDelay));
    }
}
