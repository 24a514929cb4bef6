using Outreach.Dashboard.Staff;
using Outreach.Integrations.Logging;

namespace Outreach.Dashboard.Hangfire;

/// <summary>
/// Refuses (403) every POST to the Hangfire dashboard from a staff member who may not operate, except the
/// dashboard's counter polling. Hangfire's read-only mode hides the buttons; this makes the requests fail too.
/// </summary>
internal static partial class HangfireOperatorGuard
{
    public static IApplicationBuilder UseHangfireOperatorGuard(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Request.Path.StartsWithSegments(HangfireDashboard.Path, StringComparison.OrdinalIgnoreCase, out var rest)
            && !rest.Equals(HangfireDashboard.StatsPath, StringComparison.OrdinalIgnoreCase)
            && !context.User.CanOperate())
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HangfireOperatorGuard).FullName!);
            Log.Refused(logger, context.User.StaffId(), rest.Value ?? "");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("Only operators may change jobs.", context.RequestAborted);
        }

        return next(context);
    });

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.HangfireDashboard + 1, Level = LogLevel.Warning, Message = "Hangfire dashboard POST {Path} refused for staff account {StaffId}: not an operator")]
        public static partial void Refused(ILogger logger, long? staffId, string path);
    }
}
