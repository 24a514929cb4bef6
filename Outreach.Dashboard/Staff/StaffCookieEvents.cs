using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Outreach.Integrations.Logging;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Staff;

/// <summary>
/// How the session cookie behaves: each request re-reads the account, and the session ends when the account is
/// disabled or gone or its session version moved on (logout, new password, new role), whichever dashboard instance
/// made the change; machine endpoints get 401 instead of the login page; a refused role gets 403.
/// </summary>
internal sealed partial class StaffCookieEvents(StaffStore directory, ILogger<StaffCookieEvents> logger) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.StaffId() is not { } id || principal.StaffRole() is not { } role || principal.SessionVersion() is not { } version)
        {
            context.RejectPrincipal();
            return;
        }

        var member = await directory.FindActiveAsync(id, context.HttpContext.RequestAborted);
        if (member is null || member.SessionVersion != version || member.Role != role)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            Log.SessionEnded(logger, id);
            return;
        }

        // A new display name, or a language chosen in this or another session, shows from this request on.
        if (member.DisplayName != principal.DisplayName() || member.Username != principal.Identity?.Name || member.Language != principal.Language())
        {
            context.ReplacePrincipal(StaffClaims.Principal(member));
            context.ShouldRenew = true;
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (AnonymousRoutes.IsMachine(context.Request.Path))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        return base.RedirectToLogin(context);
    }

    // A bare 403: the error page says it in the reader's language (Errors/Status).
    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.StaffLogin + 3, Level = LogLevel.Information,
            Message = "Session of staff account {StaffId} ended: the account is disabled or gone, or its sessions were ended")]
        public static partial void SessionEnded(ILogger logger, long staffId);
    }
}
