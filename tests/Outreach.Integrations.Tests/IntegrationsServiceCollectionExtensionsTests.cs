using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Communities;
using Outreach.Integrations.PersonalData;

namespace Outreach.Integrations.Tests;

public class IntegrationsServiceCollectionExtensionsTests
{
    [Fact]
    public void Every_port_resolves_and_start_up_validation_passes_with_good_settings()
    {
        using var services = TestServices.Build(new Dictionary<string, string?>());

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(services.GetRequiredService<ICommunityDirectory>());
        Assert.NotNull(services.GetRequiredService<ICardStatusPublisher>());
        Assert.NotNull(services.GetRequiredService<PersonalDataHasher>());
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void Missing_hash_key_stops_the_host_at_start()
    {
        using var services = TestServices.Build(new Dictionary<string, string?> { ["Outreach:PersonalData:HashKey"] = null });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(failure.Failures, message => message.StartsWith("Outreach:PersonalData:HashKey is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_resilience_setting_stops_the_host_at_start()
    {
        using var services = TestServices.Build(new Dictionary<string, string?> { ["Outreach:Resilience:MaxRetryAttempts"] = "0" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(failure.Failures, message => message.StartsWith("Outreach:Resilience:MaxRetryAttempts", StringComparison.Ordinal));
    }
}
