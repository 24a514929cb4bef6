using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Telemetry;

namespace Outreach.Dashboard.Telemetry;

/// <summary>
/// GET /metrics/prometheus: the dashboard's metrics for Prometheus. Not anonymous: a signed-in operator (or admin) reads
/// it with the session, Prometheus with the bearer token of Outreach:Telemetry:ScrapeToken; anyone else is sent to the
/// login page (viewers get 403, a wrong token 401).
/// </summary>
public static class PrometheusScrapeEndpoint
{
    public const string Path = "/metrics/prometheus";

    public static IEndpointConventionBuilder MapOutreachTelemetry(this WebApplication app)
    {
        var token = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.ScrapeToken;
        HangfireStorageGauges.Install(app.Services);

        // A request presenting a bearer token passes the policy so that the token check below can answer a wrong one
        // with 401 (what a scraper understands) instead of the login page; it never reaches the metrics without the token.
        var policy = new AuthorizationPolicyBuilder()
            .RequireAssertion(context => context.User.CanOperate()
                || (context.Resource is HttpContext http && ScrapeToken.IsPresented(http.Request)))
            .Build();
        return app.MapPrometheusScrapingEndpoint(Path, meterProvider: null,
                configureBranchedPipeline: branch => branch.Use(ScrapeToken.Guard(token, context => context.User.CanOperate())),
                optionsName: null)
            .RequireAuthorization(policy)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .WithDisplayName("Prometheus metrics");
    }
}
