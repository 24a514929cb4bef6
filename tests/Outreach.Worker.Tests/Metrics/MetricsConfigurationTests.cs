using Microsoft.Extensions.Options;
using Outreach.Testing;
using Outreach.Worker.Hosting;

namespace Outreach.Worker.Tests.Metrics;

public sealed class MetricsConfigurationTests
{
    [Theory]
    [InlineData("Outreach:Metrics:ReportRecipients:0", "town office", "Outreach:Metrics:ReportRecipients:0")]
    [InlineData("Outreach:Metrics:ApiKeys:town", "short", "Outreach:Metrics:ApiKeys:town")]
    [InlineData("Outreach:Metrics:WorkMemMegabytes", "1", "Outreach:Metrics:WorkMemMegabytes")]
    [InlineData("Outreach:Activity:ApiKeys:gate counter", "a-long-enough-key-for-the-gate-0123456789", "Outreach:Activity:ApiKeys:gate counter")]
    [InlineData("Outreach:Activity:MaxBatchRecords", "0", "Outreach:Activity:MaxBatchRecords")]
    [InlineData("Outreach:Activity:DropSchedule", "*/15 * * * *", "Outreach:Activity:DropSchedule")]
    public async Task A_bad_metrics_or_activity_setting_stops_the_host_at_start_naming_the_key(string key, string value, string named)
    {
        var settings = HubHosts.BaseSettings(await TestPostgres.CreateDatabaseAsync("metrics_config"));
        settings["Outreach:Activity:DropFolder"] = Path.GetTempPath();
        settings[key] = value;
        await using var hosts = new HubHosts();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => hosts.StartAsync(HostRole.Client, settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_recipients_without_mail_stop_the_host_saying_what_to_set()
    {
        var settings = HubHosts.BaseSettings(await TestPostgres.CreateDatabaseAsync("metrics_config"));
        settings["Outreach:Metrics:ReportRecipients:0"] = "town@gulin.example.cn";
        await using var hosts = new HubHosts();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => hosts.StartAsync(HostRole.Client, settings));

        Assert.Contains("Outreach:Mail:Host", error.Message, StringComparison.Ordinal);
    }
}
