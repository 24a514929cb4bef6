using Hangfire.Dashboard;
using Outreach.Dashboard.Staff;

namespace Outreach.Dashboard.Hangfire;

/// <summary>Hangfire's own check, behind the endpoint policy: only a signed-in staff member sees the dashboard.</summary>
internal sealed class StaffDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsStaff();
}
