using Outreach.Dashboard.Staff;

namespace Outreach.Dashboard.Localization;

internal static class LanguageEndpoints
{
    /// <summary>POST /language: anonymous too, so the login page can be read in English before anyone signs in.</summary>
    public static IEndpointConventionBuilder MapLanguageSwitch(this WebApplication app) =>
        app.MapPost(AnonymousRoutes.Language, (HttpContext http, LanguageSwitch languageSwitch) => languageSwitch.SwitchAsync(http))
            .AllowAnonymous();
}
