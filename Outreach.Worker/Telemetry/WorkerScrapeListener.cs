using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Outreach.Integrations.Logging;

namespace Outreach.Worker.Telemetry;

/// <summary>
/// The worker's Prometheus endpoint: GET /metrics on 127.0.0.1:Outreach:Telemetry:PrometheusPort, served by a small
/// Kestrel of its own so the worker stays a plain host. Loopback only: a node exporter or a local Prometheus agent
/// scrapes it; with a scrape token configured, it must be presented here too.
/// </summary>
internal sealed partial class WorkerScrapeListener(IOptions<TelemetryOptions> options, MeterProvider meterProvider,
    ILogger<WorkerScrapeListener> logger) : IHostedService, IAsyncDisposable
{
    public const string Path = "/metrics";

    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PrometheusPort is not { } port)
        {
            return;
        }

        var token = options.Value.ScrapeToken;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider,
            predicate: context => HttpMethods.IsGet(context.Request.Method) && context.Request.Path == Path,
            path: null,
            configureBranchedPipeline: branch => branch.Use(ScrapeToken.Guard(token, _ => string.IsNullOrEmpty(token))),
            optionsName: null);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException failure)
        {
            await app.DisposeAsync();
            // Two workers on one machine need a port each; the message names the key to change.
            throw new InvalidOperationException(
                $"{TelemetryOptions.Section}:PrometheusPort {port} cannot be used on 127.0.0.1: {failure.Message}", failure);
        }

        _app = app;
        Log.Listening(logger, port, Path);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Telemetry + 1, Level = LogLevel.Information, Message = "Prometheus metrics on http://127.0.0.1:{Port}{Path}")]
        public static partial void Listening(ILogger logger, int port, string path);
    }
}
