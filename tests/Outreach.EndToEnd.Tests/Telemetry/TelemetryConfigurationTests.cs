using Microsoft.Extensions.Options;
using Outreach.Dashboard.Hosting;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Worker.Cli;
using Outreach.Worker.Hosting;

namespace Outreach.EndToEnd.Tests.Telemetry;

public sealed class TelemetryConfigurationTests
{
    [Theory]
    [InlineData("Outreach:Telemetry:PrometheusPort", "0")]
    [InlineData("Outreach:Telemetry:PrometheusPort", "70000")]
    [InlineData("Outreach:Telemetry:ScrapeToken", "short")]
    [InlineData("Outreach:Telemetry:ScrapeToken", "a token long enough but with spaces")]
    public async Task A_bad_telemetry_setting_stops_the_worker_and_the_dashboard_naming_its_key(string key, string value)
    {
        var settings = HubSettings.For("Host=127.0.0.1;Port=1;Database=none;Username=nobody", new Uri("http://127.0.0.1:9/"),
            Path.Combine(Path.GetTempPath(), "outreach-e2e-drops"));
        settings["Outreach:Database:MigrateOnStart"] = "false";
        settings["Outreach:Hangfire:RunServer"] = "false";
        settings[key] = value;
        using var worker = HubHost.Build(HostRole.Worker, settings);

        var workerError = await Assert.ThrowsAsync<OptionsValidationException>(() => worker.StartAsync());
        var dashboardError = Assert.Throws<OptionsValidationException>(() => DashboardApp.Build([], settings));

        Assert.Contains(key, workerError.Message, StringComparison.Ordinal);
        Assert.Contains(key, dashboardError.Message, StringComparison.Ordinal);
        if (key.EndsWith("ScrapeToken", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(value, workerError.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_second_worker_on_the_same_scrape_port_stops_at_start_naming_the_key()
    {
        var port = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var world = await HubWorld.StartAsync("scrapeport", new WorldOptions
        {
            Configure = settings => settings["Outreach:Telemetry:PrometheusPort"] = port,
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => world.StartWorkerAsync());

        Assert.Contains("Outreach:Telemetry:PrometheusPort", error.Message, StringComparison.Ordinal);
    }
}
