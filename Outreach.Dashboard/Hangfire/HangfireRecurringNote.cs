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

    public static IApplicationBuilder UseHangfireRecurringNote(this IApplicationBuilder app) => app.UseHangfirePageRewrite(
        context => context.Request.Path.Equals(HangfireDashboard.RecurringJobs, StringComparison.OrdinalIgnoreCase),
        (context, html) =>
        {
            var title = html.IndexOf("</h1>", StringComparison.Ordinal);
            if (title < 0)
            {
                return html;
            }

            var text = context.RequestServices.GetRequiredService<IStringLocalizer<ScheduleText>>();
            // The hub's encoder writes Chinese as characters, not numeric entities.
            var encoder = context.RequestServices.GetRequiredService<HtmlEncoder>();
            return html.Insert(title + "</h1>".Length,
                $"<div class=\"alert alert-info\" id=\"{NoteId}\">{encoder.Encode(text["HangfireRecurringNote"])} " +
                $"<a href=\"{encoder.Encode(context.Request.PathBase + StaffPages.Schedules.Path)}\">{encoder.Encode(text["HangfireRecurringLink"])}</a></div>");
        });
}
