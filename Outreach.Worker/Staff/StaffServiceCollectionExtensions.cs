using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Worker.Staff;

public static class StaffServiceCollectionExtensions
{
    public static IServiceCollection AddOutreachStaff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StaffOptions>()
            .Bind(configuration.GetSection(StaffOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StaffDirectory>();
        services.AddHostedService<StaffBootstrapper>();
        return services;
    }
}
