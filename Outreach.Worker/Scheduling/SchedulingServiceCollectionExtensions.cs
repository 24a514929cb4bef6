using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;
using Outreach.Integrations.Time;
using Outreach.Worker.Storage;
using Npgsql;
using Quartz;

namespace Outreach.Worker.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Schedules, calendars and the schedule board; with <paramref name="runScheduler"/>, a clustered Quartz
    /// scheduler on the hub's PostgreSQL that enqueues Hangfire jobs when triggers fire.
    /// </summary>
    public static IServiceCollection AddOutreachScheduling(this IServiceCollection services, IConfiguration configuration, bool runScheduler)
    {
        services.AddOutreachOptions<SchedulingOptions, SchedulingOptionsValidator>(SchedulingOptions.Section);
        services.AddSingleton<ScheduleCatalog>();
        services.AddSingleton<ScheduleSlotLedger>();
        services.AddSingleton<ScheduleBoard>();

        var options = configuration.ReadAtRegistration<SchedulingOptions>(SchedulingOptions.Section);
        if (!runScheduler || !options.RunScheduler)
        {
            return services;
        }

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "outreach";
                scheduler.GenerateInstanceId = true;
                scheduler.DefaultTimeZone = configuration.ReadAtRegistration<LibraryTimeOptions>(LibraryTimeOptions.SectionPath).Zone();
            });
            quartz.AddJobType<EnqueueScheduledJob>();
            quartz.UsePersistentStore(store =>
            {
                store.ConfigureStore(ado =>
                {
                    ado.TablePrefix = HubSchemas.QuartzTablePrefix;
                    ado.StoreJobDataAsStrings = true;
                    // The hub's migrations own the schema.
                    ado.SchemaProvisioning = SchemaProvisioning.None;
                });
                store.UseClustering(cluster =>
                {
                    cluster.Enabled = true;
                    cluster.CheckinInterval = TimeSpan.FromSeconds(10);
                });
                store.UsePostgres(postgres => postgres.DataSourceFactory = sp => sp.GetRequiredService<NpgsqlDataSource>());
                store.UseSystemTextJsonSerializer();
            });
        });
        services.AddQuartzHostedService(hosted =>
        {
            hosted.WaitForJobsToComplete = true;
            hosted.AwaitApplicationStarted = true;
        });
        services.AddTransient<EnqueueScheduledJob>();
        services.AddHostedService<QuartzScheduleRegistrar>();
        return services;
    }
}
