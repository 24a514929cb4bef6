using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Worker.Desk;

public static class DeskServiceCollectionExtensions
{
    /// <summary>The service desk: one reader's timeline and the actions staff take from it.</summary>
    public static IServiceCollection AddOutreachDesk(this IServiceCollection services)
    {
        services.AddSingleton<ReaderTimelineBoard>();
        services.AddSingleton<ReaderDeskActions>();
        return services;
    }
}
