using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Hosting;
using Outreach.Integrations.Logging;

namespace Outreach.Dashboard.Staff;

/// <summary>
/// Limits login attempts per client address (Outreach:Dashboard:LoginRateLimitPerMinute), on top of the per-account
/// lock-out in the database: one guards against guessing many accounts, the other against guessing one.
/// </summary>
internal static partial class LoginRateLimit
{
    public const string Policy = "login";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
            options.AddPolicy(Policy, Partition);
        });

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        // Showing the login form costs nothing; only attempts count.
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("form");
        }

        var permits = context.RequestServices.GetRequiredService<IOptions<OutreachDashboardOptions>>().Value.LoginRateLimitPerMinute;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter("attempt:" + address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        Log.RateLimited(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LoginRateLimit).FullName!));
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync("Too many login attempts from this address. Wait a minute, then try again.", cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.StaffLogin + 4, Level = LogLevel.Warning, Message = "Login attempts refused by the rate limit")]
        public static partial void RateLimited(ILogger logger);
    }
}
