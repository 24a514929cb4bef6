using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Staff;

/// <summary>
/// Logging out is a POST (with the antiforgery token): a link or an image elsewhere cannot end a session. It ends every
/// session of the account, on every dashboard instance, so a copy of the cookie taken before is worthless after.
/// </summary>
public sealed class LogoutModel(StaffStore directory) : PageModel
{
    public IActionResult OnGet() => Redirect("~/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.StaffId() is { } id)
        {
            await directory.EndSessionsAsync(id, HttpContext.AuditActor(), cancellationToken);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("~" + AnonymousRoutes.Login);
    }
}
