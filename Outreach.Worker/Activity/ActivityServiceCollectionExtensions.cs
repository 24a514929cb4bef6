using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;
using Outreach.Worker.Activity.Csv;
using Outreach.Worker.Jobs;
using Outreach.Worker.Scheduling;

namespace Outreach.Worker.Activity;

public static class ActivityServiceCollectionExtensions
{
    /// <summary>Activity intake: the ledger, the API's batches, the CSV drop folder, its job and schedule.</summary>
    public static IServiceCollection AddOutreachActivity(this IServiceCollection services)
    {
        services.AddOutreachOptions<ActivityOptions, ActivityOptionsValidator>(ActivityOptions.Section);
        services.AddSingleton<ActivityIntake>();
        services.AddTransient<ActivityDropImport>();
        services.AddTransient<ActivityDropJob>();
        services.AddSingleton<IScheduleContributor, ActivityDropScheduleContributor>();
        services.AddJob(JobDefinition.For<ActivityDropJob>(ActivityDropImport.JobName, HubQueues.Metrics,
            "Read activity files (visits, loans, e-resource sessions, attendance) from the drop folder; each record counted once",
            [], (_, ct) => job => job.RunAsync(ct)));
        return services;
    }
}
