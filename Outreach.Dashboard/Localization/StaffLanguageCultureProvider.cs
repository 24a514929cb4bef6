using Microsoft.AspNetCore.Localization;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Localization;

/// <summary>The signed-in staff member's own choice, kept with the account (the session's language claim).</summary>
internal sealed class StaffLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        StaffLanguages.Find(httpContext.User.FindFirst(StaffCultures.ClaimType)?.Value) is { } language
            ? Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(language))
            : NullProviderCultureResult;
}
