using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outreach.Integrations.Tests;

/// <summary>The container a host would build, from settings given as configuration keys.</summary>
internal static class TestServices
{
    public const string HashKey = "a-test-passphrase-of-more-than-32-characters";

    /// <summary>Resilience settings that keep retries fast in tests.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastResilience = new Dictionary<string, string?>
    {
        ["Outreach:Resilience:RetryBaseDelay"] = "00:00:00.001",
        ["Outreach:Resilience:RetryMaxDelay"] = "00:00:00.300",
        ["Outreach:Resilience:AttemptTimeout"] = "00:00:05",
        ["Outreach:Resilience:TotalRequestTimeout"] = "00:00:20",
    };

    public static ServiceProvider Build(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var withDefaults = new Dictionary<string, string?>(FastResilience) { ["Outreach:PersonalData:HashKey"] = HashKey };
        foreach (var (key, value) in settings)
            withDefaults[key] = value;

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(withDefaults).Build());
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddOutreachIntegrations();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
