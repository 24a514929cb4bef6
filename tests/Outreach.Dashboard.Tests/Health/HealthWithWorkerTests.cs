using System.Net;
using System.Text.Json;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Health;

public sealed class HealthWithWorkerTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    [Fact]
    public async Task Healthz_counts_the_live_hangfire_servers_of_a_running_worker()
    {
        using var client = fixture.NewClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.True(body.RootElement.GetProperty("hangfireServers").GetInt32() >= 1);
    }
}
