using Outreach.Dashboard.Hangfire;

namespace Outreach.Dashboard.Hosting;

/// <summary>Response headers that keep the staff pages out of frames and stop content sniffing.</summary>
internal static class SecurityHeaders
{
    // Hangfire's own pages bring their scripts; the policy is for the hub's pages, which load only from here.
    private const string ContentSecurityPolicy =
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        if (!context.Request.Path.StartsWithSegments(HangfireDashboard.Path))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        return next(context);
    });
}
