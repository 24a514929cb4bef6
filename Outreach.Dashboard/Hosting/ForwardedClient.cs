using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Outreach.Dashboard.Hosting;

/// <summary>
/// Behind the reverse proxy, the client is the one the proxy names: X-Forwarded-For and X-Forwarded-Proto are read,
/// but only from the proxies of Outreach:Dashboard:KnownProxies, so the login rate limit, the audit trail and https
/// detection see the real client and nobody else can claim another address.
/// </summary>
internal static class ForwardedClient
{
    public static IServiceCollection AddForwardedClient(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<OutreachDashboardOptions>>((forwarded, dashboard) =>
        {
            // With no proxy configured the headers are not read at all: the middleware would trust any sender with both lists empty.
            forwarded.ForwardedHeaders = dashboard.Value.KnownProxies.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = dashboard.Value.ForwardLimit;
            // The framework trusts loopback by default; here only what is configured is trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in dashboard.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
            }
        });
        return services;
    }
}
