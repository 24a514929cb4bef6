using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Messages;

namespace Outreach.Dashboard.Localization;

public static class LocalizationExtensions
{
    /// <summary>
    /// Resource files under Resources/ (one resource class per feature), Razor view and data-annotation localization,
    /// and the request culture: the staff member's stored choice, then the language switch's cookie, then Accept-Language.
    /// </summary>
    internal static IServiceCollection AddStaffLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = StaffCultures.Supported.Select(name => new CultureInfo(name)).ToList();
            options.DefaultRequestCulture = new RequestCulture(StaffCultures.Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new StaffLanguageCultureProvider(),
                new CookieRequestCultureProvider { CookieName = StaffCultures.CookieName },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((mvc, factory) =>
            LocalizeBindingMessages(mvc, factory.Create(typeof(ValidationText))));
        services.AddSingleton<LanguageSwitch>();
        services.AddSingleton<StaffMessages>();
        return services;
    }

    /// <summary>After authentication (the session carries the choice), before every endpoint, Hangfire's dashboard included.</summary>
    internal static IApplicationBuilder UseStaffLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization(app.ApplicationServices.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);

    // The model binder's own messages ("letters for a number") in the reader's language; the accessors run per request.
    private static void LocalizeBindingMessages(MvcOptions mvc, IStringLocalizer text)
    {
        var messages = mvc.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => text["AttemptedValueIsInvalid", value, field]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["NonPropertyAttemptedValueIsInvalid", value]);
        messages.SetUnknownValueIsInvalidAccessor(field => text["UnknownValueIsInvalid", field]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["NonPropertyUnknownValueIsInvalid"]);
        messages.SetValueIsInvalidAccessor(value => text["ValueIsInvalid", value]);
        messages.SetValueMustBeANumberAccessor(field => text["ValueMustBeANumber", field]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text["NonPropertyValueMustBeANumber"]);
        messages.SetValueMustNotBeNullAccessor(value => text["ValueMustNotBeNull", value]);
        messages.SetMissingBindRequiredValueAccessor(field => text["MissingBindRequiredValue", field]);
        messages.SetMissingKeyOrValueAccessor(() => text["MissingKeyOrValue"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text["MissingRequestBodyRequiredValue"]);
    }
}
