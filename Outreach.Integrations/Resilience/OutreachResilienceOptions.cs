namespace Outreach.Integrations.Resilience;

/// <summary>
/// How hard the hub tries one call to an outside system before it gives up and lets the job fail.
/// Kept short on purpose: Hangfire owns the long waits between job retries.
/// </summary>
public sealed class OutreachResilienceOptions
{
    public const string SectionPath = "Outreach:Resilience";

    /// <summary>The whole call, all attempts and waits included.</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after the first attempt (3 means 4 attempts in all).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one wait, also for a server's Retry-After.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
