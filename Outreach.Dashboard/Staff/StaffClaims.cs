using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Outreach.Dashboard.Localization;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Staff;

/// <summary>What the session cookie says about a staff member: id, username, display name and role.</summary>
public static class StaffClaims
{
    public const string DisplayNameType = "outreach:display_name";

    /// <summary>The account's session version when the session began: a session whose version is not the account's is over.</summary>
    public const string SessionVersionType = "outreach:session_version";

    public static ClaimsPrincipal Principal(StaffMember member)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, member.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, member.Username),
            new(DisplayNameType, string.IsNullOrWhiteSpace(member.DisplayName) ? member.Username : member.DisplayName),
            new(ClaimTypes.Role, member.Role.Name()),
            new(SessionVersionType, member.SessionVersion.ToString(CultureInfo.InvariantCulture)),
        ];
        if (member.Language is { } language)
        {
            claims.Add(new Claim(StaffCultures.ClaimType, language));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The language the member chose and keeps with the account; null until they choose.</summary>
    public static string? Language(this ClaimsPrincipal user) => user.FindFirstValue(StaffCultures.ClaimType);

    public static long? StaffId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static int? SessionVersion(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(SessionVersionType), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

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
