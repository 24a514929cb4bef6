using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;

namespace Outreach.Worker.Staff;

public static class StaffServiceCollectionExtensions
{
    public static IServiceCollection AddOutreachStaff(this IServiceCollection services)
    {
        services.AddOutreachOptions<StaffOptions>(StaffOptions.Section);
        services.AddSingleton<StaffStore>();
        services.AddSingleton<KeyRingStore>();
        services.AddHostedService<StaffBootstrapper>();
        return services;
    }
}
