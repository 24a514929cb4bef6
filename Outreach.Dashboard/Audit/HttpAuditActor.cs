using Outreach.Dashboard.Staff;
using Outreach.Worker.Audit;

namespace Outreach.Dashboard.Audit;

/// <summary>Who is acting in a request, for the audit trail: the signed-in staff member and the client's address (as forwarded by a known proxy).</summary>
public static class HttpAuditActor
{
    public static AuditActor AuditActor(this HttpContext http) =>
        new(http.User.StaffId(), http.User.Identity?.Name ?? "anonymous", ClientAddress(http));

    public static string? ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();
}
