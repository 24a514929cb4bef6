using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Bookstore;
using Outreach.Integrations.Tests.Communities.Rest;

namespace Outreach.Integrations.Tests.Bookstore;

/// <summary>The bookstore port wired as a host would (fast retries), pointed at a loopback server that each test scripts.</summary>
internal sealed class BookstoreFixture : IAsyncDisposable
{
    public const string Token = "bookstore-test-token";

    private readonly ServiceProvider _services;

    private BookstoreFixture(CommunityApiSimulator api, IDictionary<string, string?> extraSettings)
    {
        Api = api;
        var settings = new Dictionary<string, string?>
        {
            ["Outreach:Bookstore:BaseUrl"] = new Uri(api.BaseUrl, "bookstore/").ToString(),
            ["Outreach:Bookstore:Token"] = Token,
            ["Outreach:Bookstore:ChangesPageSize"] = "50",
        };
        foreach (var (key, value) in extraSettings)
            settings[key] = value;
        _services = TestServices.Build(settings);
    }

    /// <summary>The loopback server: it sees every request, the retries included.</summary>
    public CommunityApiSimulator Api { get; }

    public IBookstore Bookstore => _services.GetRequiredService<IBookstore>();

    public static async Task<BookstoreFixture> StartAsync(Func<HttpContext, SeenRequest, Task> answer, IDictionary<string, string?>? settings = null) =>
        new(await CommunityApiSimulator.StartAsync(answer), settings ?? new Dictionary<string, string?>());

    public static BookstoreOrder Order(string orderRef = "BO-2026-000123", string deliverTo = DeliverTo.LibraryDesk, string? community = null) =>
        new(orderRef, "9787020002207", "红楼梦", 1, new DeliverTo(deliverTo, community), "ZB0001000011", "SOC-2026");

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Api.DisposeAsync();
    }
}
