using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Outreach.Integrations.Configuration;

/// <summary>
/// The one way the hub binds its settings: a section to one options class, checked at start by its data annotations
/// and, where they cannot say enough, by a validator, so a bad value stops the host with a message that names the key.
/// </summary>
public static class OptionsServiceCollectionExtensions
{
    public static OptionsBuilder<TOptions> AddOutreachOptions<TOptions>(this IServiceCollection services, string sectionPath)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(sectionPath).ValidateDataAnnotations().ValidateOnStart();

    public static OptionsBuilder<TOptions> AddOutreachOptions<TOptions, TValidator>(this IServiceCollection services, string sectionPath)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOutreachOptions<TOptions>(sectionPath);
    }

    /// <summary>
    /// A section's values while services are still being registered, for the few that decide what is registered (which
    /// Hangfire servers, whether a scheduler runs, its time zone). They are bound and validated at start like any other.
    /// </summary>
    public static TOptions ReadAtRegistration<TOptions>(this IConfiguration configuration, string sectionPath)
        where TOptions : class, new() =>
        configuration.GetSection(sectionPath).Get<TOptions>() ?? new TOptions();
}
