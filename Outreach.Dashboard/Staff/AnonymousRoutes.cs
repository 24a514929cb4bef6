namespace Outreach.Dashboard.Staff;

/// <summary>
/// The only paths that may answer without a staff login. Everything else falls under the fallback policy
/// (a signed-in staff member). A feature that needs an anonymous endpoint maps it under one of these prefixes and
/// calls <c>.AllowAnonymous()</c>; <see cref="AnonymousEndpointGuard"/> stops the host if one lies elsewhere.
/// </summary>
public static class AnonymousRoutes
{
    public const string Login = "/login";
    public const string Health = "/healthz";
    public const string Unsubscribe = "/unsubscribe";
    public const string Webhooks = "/webhooks";
    public const string Api = "/api";
    public const string OpenApi = "/openapi";

    public const string Events = "/events";

    public const string Language = "/language";

    /// <summary>The error pages: a 404 or an expired form happens before login too.</summary>
    public const string Errors = "/error";

    public static IReadOnlyList<string> Prefixes { get; } = [Login, Health, Unsubscribe, Webhooks, Api, OpenApi, Events, Language, Errors];

    /// <summary>Machine endpoints: they answer 401, never a redirect to the login page.</summary>
    public static IReadOnlyList<string> MachinePrefixes { get; } = [Api, Webhooks];

    public static bool Allows(PathString path) => Prefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    public static bool IsMachine(PathString path) => MachinePrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
