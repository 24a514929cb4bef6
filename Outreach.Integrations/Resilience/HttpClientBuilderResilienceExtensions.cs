using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Outreach.Integrations.Resilience;

/// <summary>The one resilience pipeline every outside HTTP system of the hub is called through.</summary>
public static class HttpClientBuilderResilienceExtensions
{
    /// <summary>
    /// Adds, from the outside in: a timeout for the whole call, retries with jittered exponential backoff
    /// that honour Retry-After (408, 429, 5xx, timeouts and network errors; never 401/403), a circuit breaker,
    /// and a timeout per attempt. Settings come from <see cref="OutreachResilienceOptions"/>.
    /// Each host (authority) gets its own pipeline, so one failing community does not open the circuit of another.
    /// Outside it, <see cref="OutsideCallHandler"/> sends the call's bearer token and names what the pipeline gave up on.
    /// </summary>
    public static IHttpResiliencePipelineBuilder AddOutreachResilience(this IHttpClientBuilder builder, string pipelineName)
    {
        builder.AddHttpMessageHandler(static () => new OutsideCallHandler());
        var pipeline = builder.AddResilienceHandler(pipelineName, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<OutreachResilienceOptions>>().Value;
            var timeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();

            pipeline
                .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.TotalRequestTimeout })
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    MaxDelay = options.RetryMaxDelay,
                    // Replaces the built-in Retry-After handling, which reads the system clock and has no cap.
                    ShouldRetryAfterHeader = false,
                    DelayGenerator = args => ValueTask.FromResult(
                        RetryAfterDelay.From(args.Outcome.Result, timeProvider, options.RetryMaxDelay)),
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = options.CircuitBreakerFailureRatio,
                    MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                    SamplingDuration = options.CircuitBreakerSamplingDuration,
                    BreakDuration = options.CircuitBreakerBreakDuration,
                })
                .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        });
        pipeline.SelectPipelineByAuthority();

        // The pipeline owns every timeout; HttpClient's own 100 s default would cut across it.
        builder.ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan);
        return pipeline;
    }
}
