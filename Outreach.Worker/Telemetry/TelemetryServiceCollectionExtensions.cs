using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Outreach.Worker.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Operations metrics with OpenTelemetry: the "Outreach" meter (jobs per queue, durations, run counts), .NET runtime
    /// and ASP.NET Core instruments, exported for Prometheus. The worker serves them on its loopback port when configured;
    /// the dashboard maps /metrics/prometheus. Comes after AddOutreachHangfire, whose filters it extends.
    /// <paramref name="serviceName"/> is how the host names itself (outreach-worker, outreach-dashboard);
    /// <paramref name="scrapeListener"/> serves the scrape endpoint on the worker's loopback port.
    /// </summary>
    public static IServiceCollection AddOutreachTelemetry(this IServiceCollection services, string serviceName, bool scrapeListener)
    {
        services.AddOutreachOptions<TelemetryOptions>(TelemetryOptions.Section);
        services.AddMetrics();
        services.AddSingleton<OutreachMetrics>();
        services.AddSingleton<RunCountsRecorder>();
        services.AddSingleton<JobMetricsFilter>();
        AddToHangfireFilters(services);

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(OutreachMetrics.MeterName)
                .AddRuntimeInstrumentation()
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());

        if (scrapeListener)
        {
            services.AddHostedService<WorkerScrapeListener>();
        }

        return services;
    }

    // The hub's Hangfire filters live in DI per host (HangfireFilters); the metrics filter joins them there rather than
    // in Hangfire's process-wide GlobalJobFilters.
    private static void AddToHangfireFilters(IServiceCollection services)
    {
        var hubFilters = services.LastOrDefault(d => d.ServiceType == typeof(IJobFilterProvider))
            ?? throw new InvalidOperationException("AddOutreachTelemetry must come after AddOutreachHangfire: it adds a filter to the hub's Hangfire filters.");
        services.Remove(hubFilters);
        services.AddSingleton<IJobFilterProvider>(sp => new JobFilterProviderCollection(
            Resolve(hubFilters, sp),
            new JobFilterCollection { sp.GetRequiredService<JobMetricsFilter>() }));
    }

    private static IJobFilterProvider Resolve(ServiceDescriptor descriptor, IServiceProvider services) =>
        (IJobFilterProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
