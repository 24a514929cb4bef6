using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Health;

public sealed class HealthTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Healthz_reports_the_database_and_hangfire_servers_without_login()
    {
        using var client = fixture.NewClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("database").GetString());
        // No worker runs beside this dashboard: jobs would wait, so the hub is degraded but up.
        Assert.Equal(0, body.RootElement.GetProperty("hangfireServers").GetInt32());
        Assert.Equal("degraded", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_is_503_when_the_database_is_unreachable_and_says_nothing_about_where_it_is()
    {
        var port = ClosedPort();
        var settings = TestSettings.Dashboard($"Host=127.0.0.1;Port={port};Database=outreach;Username=hub;Password=s3cret-pass;Timeout=3");
        settings["Outreach:Database:MigrateOnStart"] = "false";
        await using var host = await DashboardHost.StartAsync(settings);
        using var client = host.NewClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal("error", body.RootElement.GetProperty("database").GetString());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
