using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Outreach.Dashboard.Staff;

namespace Outreach.Dashboard.Health;

public static class HealthEndpoints
{
    internal static IServiceCollection AddOutreachHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name)
            .AddCheck<HangfireServersHealthCheck>(HangfireServersHealthCheck.Name);
        return services;
    }

    /// <summary>/healthz without login: 200 while the database answers (even with no Hangfire server), 503 otherwise.</summary>
    internal static IEndpointConventionBuilder MapOutreachHealthChecks(this WebApplication app) =>
        app.MapHealthChecks(AnonymousRoutes.Health, new HealthCheckOptions
        {
            ResponseWriter = HealthResponse.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
}
