using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;
using Outreach.Integrations.Resilience;

namespace Outreach.Integrations.Bookstore;

public static class BookstoreServiceCollectionExtensions
{
    /// <summary>The name of the bookstore's HttpClient (and of its resilience pipeline), for tests that add a handler to it.</summary>
    public const string HttpClientName = "bookstore";

    /// <summary>The bookstore port (<see cref="IBookstore"/>) on a typed client behind the hub's resilience pipeline.</summary>
    public static IServiceCollection AddBookstore(this IServiceCollection services)
    {
        services.AddOutreachOptions<BookstoreOptions, BookstoreOptionsValidator>(BookstoreOptions.SectionPath);
        services.AddHttpClient<IBookstore, BookstoreApiClient>(HttpClientName).AddOutreachResilience(HttpClientName);
        return services;
    }
}
