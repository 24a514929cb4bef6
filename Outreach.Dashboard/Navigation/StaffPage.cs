using System.Security.Claims;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Navigation;

/// <summary>
/// A page in the staff navigation, shown both in the hub's layout and in Hangfire's navigation menu.
/// <paramref name="Order"/> sorts the links (steps of 10 leave room); <paramref name="MinimumRole"/> hides the link
/// from lesser roles (the page itself must still require the matching policy).
/// </summary>
public sealed record StaffPage(string Title, string Path, int Order, StaffRole MinimumRole = StaffRole.Viewer)
{
    public bool IsVisibleTo(ClaimsPrincipal user) => user.StaffRole() is { } role && role >= MinimumRole;

    public bool IsActive(PathString requestPath) =>
        Path == "/" ? requestPath == "/" : requestPath.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);
}
