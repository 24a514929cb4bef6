using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Staff;

/// <summary>What the session cookie says about a staff member: id, username, display name and role.</summary>
public static class StaffClaims
{
    public const string DisplayNameType = "outreach:display_name";

    public static ClaimsPrincipal Principal(StaffMember member) => Principal(member.Id, member.Username, member.DisplayName, member.Role);

    public static ClaimsPrincipal Principal(long id, string username, string displayName, StaffRole role) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, username),
                new Claim(DisplayNameType, string.IsNullOrWhiteSpace(displayName) ? username : displayName),
                new Claim(ClaimTypes.Role, role.Name()),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));

    public static long? StaffId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The staff role of a signed-in member; null for anonymous requests.</summary>
    public static StaffRole? StaffRole(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.Role) is not { } role)
        {
            return null;
        }

        try
        {
            return StaffRoles.Parse(role);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static bool IsStaff(this ClaimsPrincipal user) => user.StaffRole() is not null;

    /// <summary>May retry, requeue, delete and run jobs now.</summary>
    public static bool CanOperate(this ClaimsPrincipal user) => user.StaffRole() is { } role && role.CanOperate();

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameType) ?? user.Identity?.Name ?? "";
}
