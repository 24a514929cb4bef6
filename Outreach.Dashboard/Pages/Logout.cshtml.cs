using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Staff;

namespace Outreach.Dashboard.Pages;

/// <summary>Logging out is a POST (with the antiforgery token): a link or an image elsewhere cannot end a session.</summary>
public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => Redirect("~/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("~" + AnonymousRoutes.Login);
    }
}
