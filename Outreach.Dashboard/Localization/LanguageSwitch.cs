using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Localization;

/// <summary>
/// The language switch on every page (POST /language with the antiforgery token): a signed-in staff member's choice is
/// kept with the account (every later session opens in it), and in a cookie so the login page follows it too.
/// </summary>
internal sealed class LanguageSwitch(IAntiforgery antiforgery, StaffStore directory, TimeProvider clock)
{
    /// <summary>How long the cookie keeps the choice on a browser that is not signed in.</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromDays(365);

    public async Task<IResult> SwitchAsync(HttpContext http)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (StaffLanguages.Find(form["language"]) is not { } language)
        {
            return Results.BadRequest();
        }

        http.Response.Cookies.Append(StaffCultures.CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                Expires = clock.GetUtcNow().Add(Remembered),
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                IsEssential = true,
            });
        if (http.User.StaffId() is { } id)
        {
            await directory.SetLanguageAsync(id, language, http.RequestAborted);
        }

        return Results.LocalRedirect(IsLocal(form["returnUrl"]) ? form["returnUrl"].ToString() : "/");
    }

    // Only a path of this site: "//host" and "/\host" are other sites to a browser.
    private static bool IsLocal(string? url) =>
        url is ['/', ..] && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
