using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Audit;

namespace Outreach.Dashboard.Hangfire;

/// <summary>
/// Each command staff give through the Hangfire dashboard (requeue, delete, trigger...) that Hangfire carried out
/// leaves one audit entry: which command, on which jobs. Hangfire keeps its own state history; this says who.
/// </summary>
internal static class HangfireCommandAudit
{
    public static IApplicationBuilder UseHangfireCommandAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var command = PathString.Empty;
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Path.StartsWithSegments(HangfireDashboard.Path, StringComparison.OrdinalIgnoreCase, out command)
            || command.Equals(HangfireDashboard.StatsPath, StringComparison.OrdinalIgnoreCase)
            || !context.User.IsStaff())
        {
            await next(context);
            return;
        }

        // Hangfire reads the same (buffered) form afterwards.
        var jobs = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))["jobs[]"].ToList() : [];
        await next(context);
        if (context.Response.StatusCode is < 200 or >= 300)
        {
            return;
        }

        var path = command.Value ?? "";
        var tail = path[(path.LastIndexOf('/') + 1)..];
        var ids = jobs.Count > 0 ? jobs.Where(j => !string.IsNullOrEmpty(j)).Select(j => j!).ToList() : path.Contains("/actions/", StringComparison.Ordinal) ? [tail] : [];
        var audit = context.RequestServices.GetRequiredService<AuditTrail>();
        await audit.AppendAsync(context.AuditActor(), new AuditEntry(ActionOf(path), ids.Count == 1 ? "hangfire_job:" + ids[0] : "hangfire",
            new Dictionary<string, string> { ["command"] = path, ["jobs"] = string.Join(',', ids) }), CancellationToken.None);
    });

    private static string ActionOf(string path) =>
        path.EndsWith("/requeue", StringComparison.Ordinal) || path.Contains("/actions/requeue/", StringComparison.Ordinal)
            || path.EndsWith("/enqueue", StringComparison.Ordinal) ? AuditActions.HangfireRequeue
        : path.EndsWith("/delete", StringComparison.Ordinal) || path.Contains("/actions/delete/", StringComparison.Ordinal)
            || path.EndsWith("/remove", StringComparison.Ordinal) ? AuditActions.HangfireDelete
        : path.EndsWith("/trigger", StringComparison.Ordinal) ? AuditActions.HangfireTrigger
        : AuditActions.HangfireOther;
}
