using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Worker.Cli;
using Outreach.Worker.Hosting;

namespace Outreach.Testing;

/// <summary>Starts real hub hosts (Hangfire servers, Quartz) against a test database; stops them all at the end.</summary>
public sealed class HubHosts : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];

    public static Dictionary<string, string?> BaseSettings(string connectionString)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = connectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Outreach:Hangfire:QueuePollInterval"] = "00:00:01",
            ["Outreach:PersonalData:HashKey"] = "test-hash-key-that-is-long-enough-to-be-valid-0123456789",
        };

        // Only what a test configures fires: every schedule of the shipped appsettings.json is off.
        ShippedSchedules.DisableAll(settings);
        return settings;
    }

    public async Task<IHost> StartAsync(HostRole role, IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var host = HubHost.Build(role, settings, services);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        _hosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        var hosts = _hosts.ToList();
        _hosts.Clear();
        foreach (var host in hosts)
        {
            try
            {
                await host.StopAsync(TimeSpan.FromSeconds(10));
            }
            finally
            {
                host.Dispose();
            }
        }
    }
}
