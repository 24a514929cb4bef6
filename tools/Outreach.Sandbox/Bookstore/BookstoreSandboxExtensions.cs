using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Bookstore;

public static class BookstoreSandboxExtensions
{
    /// <summary>The simulated bookstore, one per sandbox.</summary>
    internal static IServiceCollection AddBookstoreSimulator(this IServiceCollection services) =>
        services.AddSingleton(sp => new BookstoreSimulator(sp.GetRequiredService<TimeProvider>()));

    /// <summary>The base address the hub is configured with (Outreach:Bookstore:BaseUrl): {BaseUrl}bookstore/.</summary>
    public static Uri BookstoreBaseUrl(this SandboxHost sandbox) => new(sandbox.BaseUrl, "bookstore/");
}
