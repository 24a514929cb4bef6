using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Worker.Hosting;

namespace Outreach.Worker.Cli;

/// <summary>Builds the worker's host: configuration from appsettings*.json beside the binary and the environment.</summary>
public static class HubHost
{
    public static IHost Build(HostRole role, IEnumerable<KeyValuePair<string, string?>>? overrides = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.AddOutreachWorker(role);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }
}
