using System.Globalization;
using System.Text;
using Outreach.Sandbox.Communities;
using Outreach.Sandbox.Faults;
using Outreach.Sandbox.Mail;

namespace Outreach.Sandbox.Hosting;

/// <summary>GET /: what the sandbox simulates right now.</summary>
internal static class IndexPage
{
    public static IEndpointRouteBuilder MapIndexPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Render);
        return app;
    }

    private static IResult Render(CommunitySimulator communities, MailCatcher mail, FaultInjector faults)
    {
        var html = new StringBuilder();
        html.Append("<h2>Communities</h2><table><tr><th>Code</th><th>Kind</th><th>Residents</th><th>Card updates received</th><th>API</th></tr>");
        foreach (var c in communities.List())
        {
            var api = c.Kind == CommunityKind.Rest ? $"<code>/communities/{HtmlPage.Encode(c.Code)}/api/v1/residents</code>" : "<span class=\"muted\">file drops</span>";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{HtmlPage.Encode(c.Code)}</td><td>{c.Kind}</td><td>{c.Residents}</td><td><a href=\"/_sandbox/communities/{HtmlPage.Encode(c.Code)}/cards\">{c.CardRequests}</a></td><td>{api}</td></tr>");
        }

        html.Append("</table>");
        html.Append(CultureInfo.InvariantCulture, $"<h2>Mail</h2><p><a href=\"/mail\">{mail.Messages.Count} message(s) caught</a></p>");
        html.Append("<h2>Faults in force</h2>");
        var active = faults.Active;
        if (active.Count == 0)
        {
            html.Append("<p class=\"muted\">None. POST a rule to <code>/_sandbox/faults</code> to add one.</p>");
        }
        else
        {
            html.Append("<table><tr><th>Id</th><th>Kind</th><th>Where</th><th>Remaining</th></tr>");
            foreach (var f in active)
            {
                var where = string.Join(" ", new[] { f.Rule.Community, f.Rule.Route, f.Rule.Recipient }.Where(w => w is not null));
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{f.Id}</td><td>{f.Rule.Kind}</td><td>{HtmlPage.Encode(where.Length == 0 ? "everywhere" : where)}</td><td>{f.Remaining?.ToString(CultureInfo.InvariantCulture) ?? "until removed"}</td></tr>");
            }

            html.Append("</table>");
        }

        return HtmlPage.Result("Outreach sandbox", html.ToString());
    }
}
