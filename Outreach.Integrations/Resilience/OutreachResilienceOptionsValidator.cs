using Microsoft.Extensions.Options;

namespace Outreach.Integrations.Resilience;

/// <summary>Checks the resilience settings against the bounds Polly enforces, naming the key that is wrong.</summary>
internal sealed class OutreachResilienceOptionsValidator : IValidateOptions<OutreachResilienceOptions>
{
    private static readonly TimeSpan PollyMinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan PollyMinimumBreakerWindow = TimeSpan.FromMilliseconds(500);

    public ValidateOptionsResult Validate(string? name, OutreachResilienceOptions options)
    {
        var failures = new List<string>();
        const string Section = OutreachResilienceOptions.SectionPath;

        if (options.TotalRequestTimeout < PollyMinimumTimeout)
            failures.Add($"{Section}:TotalRequestTimeout must be at least {PollyMinimumTimeout}");
        if (options.AttemptTimeout < PollyMinimumTimeout)
            failures.Add($"{Section}:AttemptTimeout must be at least {PollyMinimumTimeout}");
        if (options.AttemptTimeout > options.TotalRequestTimeout)
            failures.Add($"{Section}:AttemptTimeout must not exceed {Section}:TotalRequestTimeout");
        if (options.MaxRetryAttempts is < 1 or > 10)
            failures.Add($"{Section}:MaxRetryAttempts must be between 1 and 10: long waits belong to the job queue");
        if (options.RetryBaseDelay <= TimeSpan.Zero)
            failures.Add($"{Section}:RetryBaseDelay must be positive");
        if (options.RetryMaxDelay < options.RetryBaseDelay)
            failures.Add($"{Section}:RetryMaxDelay must be at least {Section}:RetryBaseDelay");
        if (options.CircuitBreakerFailureRatio is <= 0 or > 1)
            failures.Add($"{Section}:CircuitBreakerFailureRatio must be above 0 and at most 1");
        if (options.CircuitBreakerMinimumThroughput < 2)
            failures.Add($"{Section}:CircuitBreakerMinimumThroughput must be at least 2");
        if (options.CircuitBreakerSamplingDuration < PollyMinimumBreakerWindow)
            failures.Add($"{Section}:CircuitBreakerSamplingDuration must be at least {PollyMinimumBreakerWindow}");
        if (options.CircuitBreakerBreakDuration < PollyMinimumBreakerWindow)
            failures.Add($"{Section}:CircuitBreakerBreakDuration must be at least {PollyMinimumBreakerWindow}");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
