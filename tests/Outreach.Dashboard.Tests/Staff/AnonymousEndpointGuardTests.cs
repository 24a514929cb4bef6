using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Staff;

public sealed class AnonymousEndpointGuardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task An_anonymous_endpoint_outside_the_allow_list_stops_the_host()
    {
        await using var app = DashboardApp.Build([], TestSettings.Dashboard(fixture.ConnectionString));
        app.Urls.Add("http://127.0.0.1:0");
        app.MapGet("/reports/monthly", () => "figures").AllowAnonymous();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("/reports/monthly", error.Message, StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task An_api_endpoint_opts_in_to_anonymous_access_with_AllowAnonymous()
    {
        await using var app = DashboardApp.Build([], TestSettings.Dashboard(fixture.ConnectionString));
        app.Urls.Add("http://127.0.0.1:0");
        app.MapGet("/api/ping", () => "pong").AllowAnonymous();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new StaffSession(new Uri(address));

        using var response = await client.GetAsync("/api/ping");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pong", await response.Content.ReadAsStringAsync());
        await app.StopAsync();
    }
}
