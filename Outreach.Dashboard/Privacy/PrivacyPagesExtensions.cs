using Outreach.Dashboard.Navigation;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Privacy;

public static class PrivacyPagesExtensions
{
    public static readonly StaffPage Privacy = new("Residents' rights", "/privacy", 92, StaffRole.Admin);

    /// <summary>The admins' page for residents' requests: find, access file, erasure with receipt, suppressions.</summary>
    public static IServiceCollection AddPrivacyPages(this IServiceCollection services) => services.AddStaffPage(Privacy);
}
