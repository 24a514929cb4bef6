using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Hosting;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Staff;

public static class StaffAuthenticationExtensions
{
    public const string LogoutPath = "/logout";

    /// <summary>
    /// Cookie login for staff, the role policies, antiforgery, the login rate limit and the anonymous allow-list.
    /// The fallback policy requires a signed-in staff member for every endpoint that does not say otherwise.
    /// </summary>
    public static IServiceCollection AddStaffAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<OutreachDashboardOptions>>((cookie, dashboard) =>
            {
                cookie.LoginPath = AnonymousRoutes.Login;
                cookie.LogoutPath = LogoutPath;
                cookie.ExpireTimeSpan = dashboard.Value.SessionTimeout;
                cookie.SlidingExpiration = true;
                cookie.Cookie.Name = "outreach.staff";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = SecurePolicy(dashboard.Value);
                cookie.EventsType = typeof(StaffCookieEvents);
            });
        services.AddScoped<StaffCookieEvents>();

        var staff = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireRole(StaffRoles.Viewer, StaffRoles.Operator, StaffRoles.Admin)
            .Build();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(staff)
            .AddPolicy(StaffPolicies.Staff, staff)
            .AddPolicy(StaffPolicies.Operator, policy => policy.RequireAuthenticatedUser().RequireRole(StaffRoles.Operator, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(StaffRoles.Admin));

        // Razor Pages validate the token on every POST; Hangfire's dashboard does too once IAntiforgery is registered.
        services.AddAntiforgery();
        services.AddOptions<AntiforgeryOptions>()
            .Configure(antiforgery =>
            {
                antiforgery.Cookie.Name = "outreach.antiforgery";
                antiforgery.Cookie.SameSite = SameSiteMode.Strict;
                // The token cookie is worthless without the form's token, and a TLS-terminating proxy that does not
                // forward the scheme would make "Always" refuse every form: it follows the request.
                antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });

        services.AddLoginRateLimit();
        services.AddTransient<IStartupFilter, AnonymousEndpointGuard>();
        return services;
    }

    // Behind https the session never travels in clear; on a plain-http loopback (local runs, tests) it still works.
    private static CookieSecurePolicy SecurePolicy(OutreachDashboardOptions dashboard) =>
        dashboard.RequiresHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
}
