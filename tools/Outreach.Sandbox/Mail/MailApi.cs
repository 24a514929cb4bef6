using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Mail;

/// <summary>The caught mail as JSON and raw .eml, for tests and scripts that run the sandbox out of process.</summary>
internal static class MailApi
{
    public static IEndpointRouteBuilder MapMailApi(this IEndpointRouteBuilder app)
    {
        var mail = app.MapGroup("/_sandbox/mail");
        mail.MapGet("/", (MailCatcher catcher) => Results.Json(catcher.Messages.Select(m => new
        {
            m.Id,
            m.From,
            m.To,
            m.Parse().Subject,
            Received = ShanghaiTime.ToLocal(m.ReceivedAt),
        })));
        mail.MapGet("/{id:long}.eml", (long id, MailCatcher catcher) => catcher.Find(id) is { } message
            ? Results.Bytes(message.Raw, "message/rfc822", $"{id}.eml")
            : ApiError.Result(StatusCodes.Status404NotFound, "unknown_message", $"No message {id}."));
        mail.MapDelete("/", (MailCatcher catcher) =>
        {
            catcher.Clear();
            return Results.NoContent();
        });
        return app;
    }
}
