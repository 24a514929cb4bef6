using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Bookstore;

namespace Outreach.Worker.Tests.Orders;

/// <summary>Stands for the hub's process dying after the bookstore's 201 arrived and before the order was committed.</summary>
public sealed class HubCrashedException() : Exception("The hub crashed after the bookstore's 201 (simulated).");

/// <summary>Handlers slipped into the hub's bookstore client, between its resilience pipeline and the network.</summary>
public static class BookstoreHandlers
{
    /// <summary>The next <paramref name="crashes"/> 201 answers reach the hub and then the hub "crashes".</summary>
    public static Action<IServiceCollection> CrashAfterCreated(int crashes) => services =>
    {
        var left = crashes;
        services.AddHttpClient(BookstoreServiceCollectionExtensions.HttpClientName)
            .AddHttpMessageHandler(() => new Hook(async (request, send, cancellationToken) =>
            {
                var response = await send(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Created && Interlocked.Decrement(ref left) >= 0)
                {
                    response.Dispose();
                    throw new HubCrashedException();
                }

                return response;
            }));
    };

    /// <summary>Counts the requests in flight at the same time.</summary>
    public static Action<IServiceCollection> CountConcurrency(InFlight inFlight) => services =>
        services.AddHttpClient(BookstoreServiceCollectionExtensions.HttpClientName)
            .AddHttpMessageHandler(() => new Hook(async (request, send, cancellationToken) =>
            {
                inFlight.Enter();
                try
                {
                    return await send(request, cancellationToken);
                }
                finally
                {
                    inFlight.Leave();
                }
            }));

    private sealed class Hook(Func<HttpRequestMessage, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>, CancellationToken, Task<HttpResponseMessage>> hook)
        : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            hook(request, base.SendAsync, cancellationToken);
    }
}

/// <summary>The most requests seen in flight at once.</summary>
public sealed class InFlight
{
    private int _now;
    private int _most;

    public int Most => Volatile.Read(ref _most);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _now);
        int most;
        while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
        {
        }
    }

    public void Leave() => Interlocked.Decrement(ref _now);
}
