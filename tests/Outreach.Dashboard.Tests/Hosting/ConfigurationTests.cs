using Microsoft.Extensions.Options;

namespace Outreach.Dashboard.Tests.Hosting;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Outreach:Dashboard:PublicBaseUrl", "not a url")]
    [InlineData("Outreach:Dashboard:PublicBaseUrl", "ftp://outreach.example.org")]
    [InlineData("Outreach:Dashboard:LoginRateLimitPerMinute", "0")]
    [InlineData("Outreach:Dashboard:SessionTimeout", "00:00:10")]
    [InlineData("Outreach:Hangfire:AutomaticRetries", "99")]
    [InlineData("Outreach:Dashboard:KnownProxies:0", "the proxy")]
    [InlineData("Outreach:Dashboard:ForwardLimit", "0")]
    [InlineData("Outreach:Audit:RetentionDays", "30")]
    public async Task A_bad_value_stops_the_host_at_start_naming_its_key(string key, string value)
    {
        var settings = TestSettings.Dashboard("Host=127.0.0.1;Port=1;Database=none;Username=nobody");
        settings["Outreach:Database:MigrateOnStart"] = "false";
        settings[key] = value;

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await DashboardHost.StartAsync(settings);
        });

        // One bad value can fail several sections that read it (e.g. a base URL others default to): all are reported together.
        var failures = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];
        Assert.All(failures, f => Assert.IsType<OptionsValidationException>(f));
        Assert.Contains(failures, f => f.Message.Contains(key, StringComparison.Ordinal));
    }
}
