using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Outreach.Worker.Telemetry;

/// <summary>The bearer token Prometheus presents (Outreach:Telemetry:ScrapeToken), compared in constant time.</summary>
public static class ScrapeToken
{
    private const string Scheme = "Bearer ";

    /// <summary>True when the request carries an Authorization: Bearer header, right or wrong.</summary>
    public static bool IsPresented(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a token is configured and the request presents exactly it.</summary>
    public static bool Matches(HttpRequest request, string? configured)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(configured) || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), Encoding.UTF8.GetBytes(configured));
    }

    /// <summary>Middleware answering 401 unless <paramref name="allowed"/> holds or the request presents the token.</summary>
    public static Func<HttpContext, RequestDelegate, Task> Guard(string? configured, Func<HttpContext, bool> allowed) => (context, next) =>
    {
        if (allowed(context) || Matches(context.Request, configured))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    };
}
