using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outreach.Integrations.Tests.Communities.Rest;

/// <summary>A community's v1 API on a loopback port; each test says how it answers.</summary>
internal sealed class CommunityApiSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CommunityApiSimulator(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public static async Task<CommunityApiSimulator> StartAsync(Func<HttpContext, SeenRequest, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        CommunityApiSimulator? simulator = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var seen = new SeenRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
                context.Request.Headers.Authorization.ToString(),
                await reader.ReadToEndAsync(context.RequestAborted),
                TimeProvider.System.GetTimestamp());
            simulator!.Requests.Enqueue(seen);
            await answer(context, seen);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        simulator = new CommunityApiSimulator(app, new Uri(address));
        return simulator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record SeenRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string Authorization, string Body, long Timestamp)
{
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public TimeSpan Since(SeenRequest earlier) => TimeProvider.System.GetElapsedTime(earlier.Timestamp, Timestamp);
}
