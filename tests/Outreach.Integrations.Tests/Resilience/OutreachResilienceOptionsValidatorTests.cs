using Outreach.Integrations.Resilience;

namespace Outreach.Integrations.Tests.Resilience;

public class OutreachResilienceOptionsValidatorTests
{
    private static List<string> FailuresOf(OutreachResilienceOptions options) =>
        new OutreachResilienceOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Defaults_are_valid() =>
        Assert.Empty(FailuresOf(new OutreachResilienceOptions()));

    [Fact]
    public void Defaults_keep_retries_short()
    {
        var options = new OutreachResilienceOptions();

        Assert.Equal(3, options.MaxRetryAttempts);
        Assert.True(options.RetryMaxDelay <= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Max_delay_below_base_delay_is_named_by_its_key()
    {
        var failures = FailuresOf(new OutreachResilienceOptions { RetryBaseDelay = TimeSpan.FromSeconds(5), RetryMaxDelay = TimeSpan.FromSeconds(1) });

        Assert.Equal(["Outreach:Resilience:RetryMaxDelay must be at least Outreach:Resilience:RetryBaseDelay"], failures);
    }

    [Fact]
    public void Too_many_retries_are_refused() =>
        Assert.Contains(FailuresOf(new OutreachResilienceOptions { MaxRetryAttempts = 50 }),
            failure => failure.StartsWith("Outreach:Resilience:MaxRetryAttempts", StringComparison.Ordinal));

    [Fact]
    public void Attempt_timeout_longer_than_the_whole_call_is_refused() =>
        Assert.Contains(FailuresOf(new OutreachResilienceOptions { AttemptTimeout = TimeSpan.FromMinutes(5) }),
            failure => failure.StartsWith("Outreach:Resilience:AttemptTimeout", StringComparison.Ordinal));
}
