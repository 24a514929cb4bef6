using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Configuration;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Jobs;

public static class HangfireServiceCollectionExtensions
{
    /// <summary>Hangfire on the hub's PostgreSQL (schema "hangfire"), with the hub's filters; servers when configured.</summary>
    public static IServiceCollection AddOutreachHangfire(this IServiceCollection services, IConfiguration configuration, bool allowServer)
    {
        services.AddOutreachOptions<HangfireOptions>(HangfireOptions.Section);

        // Registered before AddHangfire, whose TryAdd then keeps it: filters per host, not in Hangfire's global list.
        services.AddSingleton(sp => HangfireFilters.Create(sp.GetRequiredService<IOptions<HangfireOptions>>().Value));
        services.AddHangfire((sp, config) =>
        {
            var options = sp.GetRequiredService<IOptions<HangfireOptions>>().Value;
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UsePostgreSqlStorage(
                    bootstrap => bootstrap.UseConnectionFactory(new DataSourceConnectionFactory(sp.GetRequiredService<NpgsqlDataSource>())),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = HubSchemas.Hangfire,
                        // The migrator installs Hangfire's schema under the hub's migration lock.
                        PrepareSchemaIfNecessary = false,
                        // Polling by default (a one-second poll starts "Run now" within a second); see HangfireOptions.LongPolling.
                        EnableLongPolling = options.LongPolling,
                        QueuePollInterval = options.QueuePollInterval,
                        // A long job keeps its fetch alive instead of being picked up again by another worker.
                        UseSlidingInvisibilityTimeout = true,
                        InvisibilityTimeout = options.InvisibilityTimeout,
                    })
                .UseLogProvider(new ResilientLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        });

        if (allowServer)
        {
            var options = configuration.ReadAtRegistration<HangfireOptions>(HangfireOptions.Section);
            if (options.RunServer)
            {
                foreach (var (queue, workers) in options.EffectiveQueues().Where(q => q.Value > 0))
                {
                    services.AddHangfireServer((_, server) =>
                    {
                        server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{queue}";
                        server.Queues = [queue];
                        server.WorkerCount = workers;
                    });
                }
            }
        }

        return services;
    }
}
