using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Worker.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The job catalog, the run scope every job runs in, the fan-out over communities, and the hub-wide jobs; each job family adds its own definitions with <see cref="AddJob"/>.</summary>
    public static IServiceCollection AddOutreachJobs(this IServiceCollection services)
    {
        services.AddSingleton(sp => new JobCatalog(sp.GetServices<JobDefinition>()));
        services.AddSingleton<JobRunLog>();
        services.AddSingleton<RunBoard>();
        services.AddSingleton<IRunLog>(sp => sp.GetRequiredService<JobRunLog>());
        services.AddSingleton<JobRuns>();
        services.AddSingleton<FanOut>();
        services.AddTransient<AbandonedRuns>();
        services.AddTransient<HousekeepingJob>();
        services.AddJob(JobDefinition.For<HousekeepingJob>(HousekeepingJob.Name, HubQueues.Default,
            "Prune old schedule slots and run rows; fail the runs a stopped worker left running", [], (_, ct) => job => job.RunAsync(ct)));
        return services;
    }

    public static IServiceCollection AddJob(this IServiceCollection services, JobDefinition definition) =>
        services.AddSingleton(definition);
}
