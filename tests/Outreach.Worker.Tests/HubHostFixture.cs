using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Worker.Cli;
using Outreach.Worker.Hosting;

namespace Outreach.Worker.Tests;

/// <summary>Starts real hub hosts (Hangfire servers, Quartz) against a test database; stops them all at the end.</summary>
public sealed class HubHosts : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];

    public static Dictionary<string, string?> BaseSettings(string connectionString) => new()
    {
        ["ConnectionStrings:Outreach"] = connectionString,
        ["Logging:LogLevel:Default"] = "Warning",
        // Only what a test configures: no default schedules from appsettings.json.
        ["Outreach:Schedules:housekeeping:Enabled"] = "false",
        ["Outreach:Schedules:digest-weekly:Enabled"] = "false",
        ["Outreach:Schedules:orders-push:Enabled"] = "false",
        ["Outreach:Schedules:orders-poll:Enabled"] = "false",
        ["Outreach:Schedules:metrics-monthly:Enabled"] = "false",
        ["Outreach:Hangfire:QueuePollInterval"] = "00:00:01",
        ["Outreach:PersonalData:HashKey"] = "test-hash-key-that-is-long-enough-to-be-valid-0123456789",
    };

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

/// <summary>Waits on a condition, polling, with a deadline; the test fails with the message when it never holds.</summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string message)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"{message} (last value: {value})");
            }

            await Task.Delay(100);
        }
    }
}
