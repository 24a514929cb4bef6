using Microsoft.Extensions.Options;
using Outreach.Testing;
using Outreach.Worker.Hosting;

namespace Outreach.Worker.Tests.Jobs;

public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Outreach:Hangfire:Queues:sync", "500")]
    [InlineData("Outreach:Hangfire:AutomaticRetries", "99")]
    [InlineData("Outreach:Schedules:broken:Cron", "not a cron")]
    public async Task A_bad_configuration_value_stops_the_worker_at_start_naming_the_key(string key, string value)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("config");
        var settings = HubHosts.BaseSettings(connectionString);
        settings[key] = value;
        if (key.StartsWith("Outreach:Schedules:broken", StringComparison.Ordinal))
        {
            settings["Outreach:Schedules:broken:Job"] = "housekeeping";
        }

        await using var hosts = new HubHosts();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => hosts.StartAsync(HostRole.Worker, settings));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_connection_string_stops_the_worker_naming_the_key()
    {
        await using var hosts = new HubHosts();
        var settings = HubHosts.BaseSettings("");
        settings["ConnectionStrings:Outreach"] = null;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => hosts.StartAsync(HostRole.Worker, settings));

        Assert.Contains("ConnectionStrings:Outreach", error.Message, StringComparison.Ordinal);
    }
}
