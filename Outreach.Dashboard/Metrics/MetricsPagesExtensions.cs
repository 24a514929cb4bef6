using Outreach.Dashboard.Navigation;

namespace Outreach.Dashboard.Metrics;

public static class MetricsPagesExtensions
{
    public static readonly StaffPage Metrics = new("Metrics", "/metrics", 50);

    /// <summary>The monthly figures page in the staff navigation.</summary>
    public static IServiceCollection AddMetricsPages(this IServiceCollection services) => services.AddStaffPage(Metrics);

    /// <summary>The figures' downloads (CSV, printable report) for staff, the figures API and the activity intake API for other systems.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMetricsDownloads();
        app.MapMetricsApi();
        app.MapActivityApi();
        return app;
    }
}
