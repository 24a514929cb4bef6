using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Hosting;

namespace Outreach.Dashboard.Tests.Hosting;

/// <summary>The dashboard on real Kestrel, on a free loopback port.</summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private DashboardHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<DashboardHost> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var app = DashboardApp.Build([], settings, configure);
        try
        {
            app.Urls.Clear();
            app.Urls.Add("http://127.0.0.1:0");
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new DashboardHost(app, new Uri(address));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public StaffSession NewClient() => new(Address);

    /// <summary>A client whose browser asks for <paramref name="language"/> (null: sends no Accept-Language).</summary>
    public StaffSession NewClient(string? language) => new(Address, language);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
