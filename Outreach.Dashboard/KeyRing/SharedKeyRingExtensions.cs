using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Outreach.Dashboard.KeyRing;

public static class SharedKeyRingExtensions
{
    /// <summary>The name every dashboard instance protects its cookies and tokens under: instances share keys only with the same name.</summary>
    public const string ApplicationName = "outreach-dashboard";

    /// <summary>
    /// One data-protection key ring for every dashboard instance on the hub's database, so that a staff session cookie or
    /// an antiforgery token issued by one instance is accepted by the others behind a load balancer. The keys are kept in
    /// outreach.data_protection_keys (not encrypted there: whoever reads the database could forge a session).
    /// </summary>
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseXmlRepository>((options, repository) => options.XmlRepository = repository);
        services.AddHostedService<KeyRingWarmUp>();
        return services;
    }
}
