using Microsoft.Extensions.Options;
using Outreach.Dashboard.Hangfire;

namespace Outreach.Dashboard.Hosting;

/// <summary>
/// Response headers that keep every page (the hub's and Hangfire's) out of frames, stop content sniffing and, behind
/// https, tell browsers to use nothing else.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /// <summary>
    /// Hangfire's pages load their scripts from files of their own (so scripts stay 'self' only) but style a few
    /// elements inline; the framing rules are the same as everywhere, so its Requeue and Delete buttons cannot be framed.
    /// </summary>
    public const string HangfireContentSecurityPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /// <summary>A year: browsers that saw the hub over https refuse it over http for that long.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var https = app.ApplicationServices.GetRequiredService<IOptions<OutreachDashboardOptions>>().Value.RequiresHttps;
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(HangfireDashboard.Path)
                ? HangfireContentSecurityPolicy
                : ContentSecurityPolicy;
            // Only over https (as the proxy forwards it): a browser ignores it over http, and loopback runs stay plain.
            if (https && context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }

            return next(context);
        });
    }
}
