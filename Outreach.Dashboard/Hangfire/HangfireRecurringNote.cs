using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using Outreach.Dashboard.Navigation;
using Outreach.Dashboard.Schedules;

namespace Outreach.Dashboard.Hangfire;

/// <summary>
/// Hangfire's "Recurring jobs" page lists none (the hub's schedules live in Quartz), which reads as "nothing is
/// scheduled". Under its title this adds a line, in the reader's language, saying where the schedules are, with a link.
/// </summary>
internal static class HangfireRecurringNote
{
    public const string NoteId = "hub-schedules-note";

    public static IApplicationBuilder UseHangfireRecurringNote(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !context.Request.Path.Equals(HangfireDashboard.RecurringJobs, StringComparison.OrdinalIgnoreCase))
        {
            await next();
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = original;
        }

        var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var title = html.IndexOf("</h1>", StringComparison.Ordinal);
        if (context.Response.StatusCode == StatusCodes.Status200OK && title >= 0)
        {
            var text = context.RequestServices.GetRequiredService<IStringLocalizer<ScheduleText>>();
            // The hub's encoder writes Chinese as characters, not numeric entities.
            var encoder = context.RequestServices.GetRequiredService<HtmlEncoder>();
            html = html.Insert(title + "</h1>".Length,
                $"<div class=\"alert alert-info\" id=\"{NoteId}\">{encoder.Encode(text["HangfireRecurringNote"])} " +
                $"<a href=\"{encoder.Encode(context.Request.PathBase + StaffPages.Schedules.Path)}\">{encoder.Encode(text["HangfireRecurringLink"])}</a></div>");
        }

        var bytes = Encoding.UTF8.GetBytes(html);
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, context.RequestAborted);
    });
}
