using Microsoft.AspNetCore.Http;
using Outreach.Dashboard.Staff;
using Outreach.Dashboard.Telemetry;

namespace Outreach.EndToEnd.Tests.Security;

/// <summary>Who may reach a route.</summary>
public enum Access
{
    /// <summary>Everyone, without login: the login page, health, unsubscribe links.</summary>
    Anonymous,

    /// <summary>Machines with their own credentials (API key, signature): refused without them, never the login page.</summary>
    Machine,

    /// <summary>Every signed-in staff member may read; only operators and admins may change anything.</summary>
    Staff,

    /// <summary>The staff member's own session: any role may end it.</summary>
    Session,

    /// <summary>Operators and admins only, even to read.</summary>
    Operator,

    /// <summary>Admins only.</summary>
    Admin,
}

/// <summary>
/// The expectations of the authorization matrix, by route prefix (the longest matching prefix wins). A new feature's
/// routes fall under "/" (staff read, operators change) unless a line here says otherwise: one line per exception.
/// </summary>
public static class RouteRules
{
    private static readonly (string Prefix, Access Access)[] Rules =
    [
        (AnonymousRoutes.Login, Access.Anonymous),
        (AnonymousRoutes.Health, Access.Anonymous),
        (AnonymousRoutes.Unsubscribe, Access.Anonymous),
        (AnonymousRoutes.OpenApi, Access.Anonymous),
        (AnonymousRoutes.Events, Access.Anonymous),
        (AnonymousRoutes.Webhooks, Access.Machine),
        (AnonymousRoutes.Api, Access.Machine),
        (AnonymousRoutes.Language, Access.Anonymous),
        (AnonymousRoutes.Errors, Access.Anonymous),
        (StaffAuthenticationExtensions.LogoutPath, Access.Session),
        ("/account", Access.Session),
        ("/staff", Access.Admin),
        ("/audit", Access.Admin),
        ("/privacy", Access.Admin),
        (PrometheusScrapeEndpoint.Path, Access.Operator),
        ("/", Access.Staff),
    ];

    public static Access AccessOf(string path)
    {
        var pathOnly = new PathString(path.Split('?')[0]);
        return Rules
            .Where(rule => rule.Prefix == "/" || pathOnly.StartsWithSegments(rule.Prefix, StringComparison.OrdinalIgnoreCase))
            .MaxBy(rule => rule.Prefix.Length)
            .Access;
    }
}
