using Microsoft.Extensions.Options;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Time;
using Outreach.Worker.Metrics;
using Outreach.Worker.Metrics.Reading;

namespace Outreach.Dashboard.Metrics;

/// <summary>
/// The figures for the town's and the college's systems: GET /api/metrics lists the computed months, GET
/// /api/metrics/2026-10 gives one month with every community, indicator and change. Key: Outreach:Metrics:ApiKeys.
/// </summary>
internal static class MetricsApi
{
    public const string Path = AnonymousRoutes.Api + "/metrics";

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).AllowAnonymous()
            .AddEndpointFilter(new ApiKeyFilter(services => services.GetRequiredService<IOptionsMonitor<MetricsOptions>>().CurrentValue.ApiKeys));
        api.MapGet("/", ListAsync);
        api.MapGet("/{month}", MonthAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(MetricsStore store, CancellationToken cancellationToken) =>
        Results.Json(new { months = (await store.MonthsAsync(cancellationToken)).Select(MetricsJson.Month) }, MetricsJson.Options);

    private static async Task<IResult> MonthAsync(string month, MetricsStore store, CancellationToken cancellationToken)
    {
        if (!ReportMonth.TryParse(month, out var parsed))
        {
            return Results.Json(MetricsJson.Problem("invalid_month", $"'{month}' is not a month: write it yyyy-MM, e.g. 2026-10."), MetricsJson.Options,
                statusCode: StatusCodes.Status400BadRequest);
        }

        return await store.ReportAsync(parsed, cancellationToken) is { } report
            ? Results.Json(MetricsJson.Report(report), MetricsJson.Options)
            : Results.Json(MetricsJson.Problem("not_computed", $"The figures of {parsed} have not been computed."), MetricsJson.Options,
                statusCode: StatusCodes.Status404NotFound);
    }
}
