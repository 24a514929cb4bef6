using Hangfire;
using Hangfire.Dashboard;
using Outreach.Dashboard.Navigation;
using Outreach.Dashboard.Runs;
using Outreach.Dashboard.Staff;

namespace Outreach.Dashboard.Hangfire;

/// <summary>Hangfire's dashboard at /hangfire for signed-in staff: read-only for viewers, with the hub's pages in its menu.</summary>
public static class HangfireDashboard
{
    public const string Path = "/hangfire";

    /// <summary>Hangfire's dashboard among the staff pages.</summary>
    public static readonly StaffPage Jobs = new("Jobs", Path, 80);

    /// <summary>The one POST a viewer's dashboard makes: polling the counters.</summary>
    public const string StatsPath = "/stats";

    public static string JobDetails(string jobId) => $"{Path}/jobs/details/{Uri.EscapeDataString(jobId)}";

    public const string FailedJobs = Path + "/jobs/failed";

    public const string RecurringJobs = Path + "/recurring";

    internal static IEndpointConventionBuilder MapOutreachHangfireDashboard(this WebApplication app)
    {
        HangfireNavigation.Install(app.Services.GetRequiredService<StaffNavigation>());
        var options = new DashboardOptions
        {
            AppPath = "/",
            // One title for every request (Hangfire takes a fixed string): its own name reads the same in both languages.
            DashboardTitle = "Hangfire",
            DisplayStorageConnectionString = false,
            Authorization = [new StaffDashboardAuthorizationFilter()],
            IsReadOnlyFunc = context => !context.GetHttpContext().User.CanOperate(),
            // "读者同步 GL01 古林社区", not "RosterSyncJob.RunAsync", in the request's language.
            DisplayNameFunc = (context, job) => context.GetHttpContext().RequestServices.GetRequiredService<JobNames>().ForHangfire(job),
        };

        app.UseHangfireRecurringNote();
        app.UseHangfireTimeLocale();

        // The endpoint policy sends anonymous visitors to the login page before Hangfire's filter could answer a bare 401.
        return app.MapHangfireDashboard(Path, options, app.Services.GetRequiredService<JobStorage>())
            .RequireAuthorization(StaffPolicies.Staff);
    }
}
