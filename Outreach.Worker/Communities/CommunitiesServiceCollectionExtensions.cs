using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;

namespace Outreach.Worker.Communities;

public static class CommunitiesServiceCollectionExtensions
{
    /// <summary>The hub's community catalog (names, population served, sync schedule, withdrawal limit), validated at start.</summary>
    public static IServiceCollection AddOutreachCommunities(this IServiceCollection services)
    {
        services.AddOutreachOptions<CommunityCatalogOptions, CommunityCatalogOptionsValidator>(CommunityCatalogOptions.SectionPath)
            .PostConfigure(static options =>
            {
                foreach (var (code, community) in options.Communities)
                    community.Code = code;
            });
        return services;
    }
}
