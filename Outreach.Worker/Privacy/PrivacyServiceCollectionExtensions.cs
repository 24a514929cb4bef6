using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Residents' rights: finding a resident, the access file, erasure on request and by retention, the retention job.</summary>
    public static IServiceCollection AddOutreachPrivacy(this IServiceCollection services)
    {
        services.AddOutreachOptions<PrivacyOptions>(PrivacyOptions.Section);
        services.AddSingleton<ResidentLookup>();
        services.AddSingleton<ResidentRecord>();
        services.AddSingleton<Erasure>();
        services.AddSingleton<PrivacyDesk>();
        services.AddTransient<RetentionJob>();
        services.AddJob(JobDefinition.For<RetentionJob>(RetentionJob.Name, HubQueues.Default,
            "Erase the personal fields of readers whose card was withdrawn longer ago than Outreach:Privacy:RetentionDays", [],
            (_, ct) => job => job.RunAsync(ct)));
        return services;
    }
}
