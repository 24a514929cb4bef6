namespace Outreach.Dashboard.Hosting;

/// <summary>Builds the dashboard's web application: for Program.cs, tests and the local demo alike.</summary>
public static class DashboardApp
{
    /// <summary>
    /// Configuration comes from appsettings*.json beside the binaries (the hub's shared settings), the environment,
    /// <paramref name="args"/>, then <paramref name="overrides"/>. <paramref name="configure"/> lets a test host add
    /// services (e.g. a test-only job definition) before the application is built.
    /// </summary>
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Razor Pages are discovered in the application's assembly; a test runner's entry assembly has none.
            ApplicationName = typeof(DashboardApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.AddOutreachDashboard();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapOutreachDashboard();
        return app;
    }
}
