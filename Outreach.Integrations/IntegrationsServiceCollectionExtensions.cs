using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Outreach.Integrations.Bookstore;
using Outreach.Integrations.Calendars;
using Outreach.Integrations.Communities;
using Outreach.Integrations.Communities.CsvDrop;
using Outreach.Integrations.Communities.Rest;
using Outreach.Integrations.Configuration;
using Outreach.Integrations.Mail;
using Outreach.Integrations.PersonalData;
using Outreach.Integrations.Resilience;
using Outreach.Integrations.Time;

namespace Outreach.Integrations;

public static class IntegrationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ports to the outside world and their adapters, with options validated at start-up.
    /// Expects an <c>IConfiguration</c> in the container (every host has one).
    /// </summary>
    public static IServiceCollection AddOutreachIntegrations(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOutreachOptions<LibraryTimeOptions, LibraryTimeOptionsValidator>(LibraryTimeOptions.SectionPath);
        services.TryAddSingleton<LibraryCalendar>();
        services.AddOutreachOptions<OutreachResilienceOptions, OutreachResilienceOptionsValidator>(OutreachResilienceOptions.SectionPath);
        services.AddOutreachOptions<PersonalDataOptions, PersonalDataOptionsValidator>(PersonalDataOptions.SectionPath);
        services.AddOutreachOptions<CommunitiesOptions, CommunitiesOptionsValidator>(CommunitiesOptions.SectionPath)
            .PostConfigure(static options =>
            {
                foreach (var (code, community) in options.Communities)
                    community.Code = code;
            });

        services.TryAddSingleton<PersonalDataHasher>();
        services.AddCommunities();

        // Bookstore (IBookstore) and mail (IMailSender) adapters are registered here too, each with
        // its typed client behind AddOutreachResilience so that all outside calls share one pipeline shape.
        services.AddOutreachMail();
        services.AddBookstore();
        services.AddHttpClient(IcalCalendarFeed.HttpClientName).AddOutreachResilience(IcalCalendarFeed.HttpClientName);
        services.TryAddTransient<ICalendarFeed, IcalCalendarFeed>();

        return services;
    }

    private static void AddCommunities(this IServiceCollection services)
    {
        services.AddHttpClient<CommunityApiClient>().AddOutreachResilience("community-api");
        services.TryAddSingleton<CommunityCatalog>();
        services.TryAddTransient<RestCommunityDirectory>();
        services.TryAddTransient<CsvCommunityDirectory>();
        services.TryAddTransient<ICommunityDirectory, CommunityDirectory>();
        services.TryAddTransient<RestCardStatusPublisher>();
        services.TryAddTransient<CsvCardStatusPublisher>();
        services.TryAddTransient<ICardStatusPublisher, CardStatusPublisher>();
    }
}
