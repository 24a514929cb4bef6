namespace Outreach.Dashboard.Navigation;

public static class StaffNavigationExtensions
{
    /// <summary>Adds a page to the staff navigation (the hub's layout and Hangfire's menu).</summary>
    public static IServiceCollection AddStaffPage(this IServiceCollection services, StaffPage page) => services.AddSingleton(page);

    internal static IServiceCollection AddStaffNavigation(this IServiceCollection services)
    {
        services.AddSingleton<StaffNavigation>();
        foreach (var page in StaffPages.All)
        {
            services.AddStaffPage(page);
        }

        return services;
    }
}
