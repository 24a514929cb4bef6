using Outreach.Dashboard.Navigation;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Audit;

public static class AuditPagesExtensions
{
    public static readonly StaffPage Audit = new("Audit", "/audit", 94, StaffRole.Admin);

    /// <summary>The admins' audit page: the trail of staff actions, searchable, and its verification.</summary>
    public static IServiceCollection AddAuditPages(this IServiceCollection services) => services.AddStaffPage(Audit);
}
