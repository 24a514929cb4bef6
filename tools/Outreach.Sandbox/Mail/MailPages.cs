using System.Globalization;
using System.Text;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Mail;

/// <summary>The mailbox newcomers look at in the demo: what the hub sent, rendered.</summary>
internal static class MailPages
{
    // The HTML part is somebody's markup: shown in a sandboxed frame, with no scripts and nothing fetched from outside.
    private const string HtmlPartPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    public static IEndpointRouteBuilder MapMailPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/mail", List);
        app.MapGet("/mail/{id:long}", Show);
        app.MapGet("/mail/{id:long}/html", HtmlPart);
        return app;
    }

    private static IResult List(MailCatcher catcher)
    {
        var messages = catcher.Messages;
        if (messages.Count == 0)
        {
            return HtmlPage.Result("Mail", "<p class=\"muted\">No mail caught yet.</p>");
        }

        var html = new StringBuilder("<table><tr><th>Received</th><th>To</th><th>Subject</th></tr>");
        foreach (var m in messages.Reverse())
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Time(m)}</td><td>{HtmlPage.Encode(string.Join(", ", m.To))}</td><td><a href=\"/mail/{m.Id}\">{HtmlPage.Encode(Subject(m.Parse().Subject))}</a></td></tr>");
        }

        return HtmlPage.Result("Mail", html.Append("</table>").ToString());
    }

    private static IResult Show(long id, MailCatcher catcher)
    {
        if (catcher.Find(id) is not { } caught)
        {
            return Results.NotFound();
        }

        var message = caught.Parse();
        var html = new StringBuilder("<table>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>From</th><td>{HtmlPage.Encode(message.From.ToString())}</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>To</th><td>{HtmlPage.Encode(message.To.ToString())}</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>Envelope</th><td>{HtmlPage.Encode(caught.From)} → {HtmlPage.Encode(string.Join(", ", caught.To))}</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>Received</th><td>{Time(caught)}</td></tr></table>");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/_sandbox/mail/{id}.eml\">Raw message (.eml)</a></p>");
        if (message.HtmlBody is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>HTML part</h2><iframe sandbox src=\"/mail/{id}/html\"></iframe>");
        }

        if (message.TextBody is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Text part</h2><pre>{HtmlPage.Encode(message.TextBody)}</pre>");
        }

        return HtmlPage.Result(Subject(message.Subject), html.ToString());
    }

    private static IResult HtmlPart(long id, MailCatcher catcher, HttpResponse response)
    {
        if (catcher.Find(id)?.Parse().HtmlBody is not { } body)
        {
            return Results.NotFound();
        }

        response.Headers.ContentSecurityPolicy = HtmlPartPolicy;
        return Results.Content(body, "text/html; charset=utf-8");
    }

    private static string Subject(string? subject) => string.IsNullOrEmpty(subject) ? "(no subject)" : subject;

    private static string Time(CaughtMessage message) =>
        ShanghaiTime.ToLocal(message.ReceivedAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
