using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Api;
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
    public const string Tag = "metrics";

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).AllowAnonymous()
            .AddEndpointFilter(new ApiKeyFilter(services => services.GetRequiredService<IOptionsMonitor<MetricsOptions>>().CurrentValue.ApiKeys))
            .WithTags(Tag).RequiresKey(PartnerApiDocument.MetricsKey, ApiKeyFilter.Refusal);
        api.MapGet("/", ListAsync).WithName("ListMetricMonths")
            .WithSummary("已计算的月份 / Computed months")
            .WithDescription("已经计算出指标的月份。 / The months whose figures have been computed.")
            .Answers(StatusCodes.Status200OK, "月份列表。 / The months.", MetricsExample.Months, MetricsJson.Options);
        api.MapGet("/{month}", MonthAsync).WithName("GetMetricMonth")
            .WithSummary("一个月的指标 / A month's figures")
            .WithDescription("每个社区及合计的全部指标，含上月和去年同月的数值及变化；指标定义见 docs/metrics.md。 / " +
                "Every indicator for each community and all together, with the previous month's and last year's values and changes; definitions in docs/metrics.md.")
            .Answers(StatusCodes.Status200OK, "该月的指标。 / The month's figures.", MetricsExample.Report, MetricsJson.Options)
            .Refuses(StatusCodes.Status400BadRequest, "月份格式不对（应为 yyyy-MM）。 / The month is not written yyyy-MM.", "invalid_month",
                "'2026-13' is not a month: write it yyyy-MM, e.g. 2026-10.")
            .Refuses(StatusCodes.Status404NotFound, "该月的指标尚未计算。 / The month's figures have not been computed.", "not_computed",
                "The figures of 2026-11 have not been computed.");
        return app;
    }

    private static async Task<IResult> ListAsync(MetricsStore store, CancellationToken cancellationToken) =>
        Results.Json(new MetricsMonths((await store.MonthsAsync(cancellationToken)).Select(MetricsJson.Month).ToList()), MetricsJson.Options);

    private static async Task<IResult> MonthAsync([Description("月份 yyyy-MM。 / The month, yyyy-MM.")] string month, MetricsStore store,
        CancellationToken cancellationToken)
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

/// <summary>The examples of the figures API's document.</summary>
internal static class MetricsExample
{
    // The example month in the library's default zone (LibraryTimeOptions names it), whose offset is +08:00.
    private static readonly TimeSpan LibraryOffset = TimeSpan.FromHours(8);

    public static readonly MetricsMonths Months = new([new MetricsMonth("2026-10", new DateTimeOffset(2026, 11, 1, 3, 0, 0, LibraryOffset), 1, 640)]);

    public static readonly MetricsReport Report = new("2026-10", new LibraryTimeOptions().TimeZone, new DateTimeOffset(2026, 10, 1, 0, 0, 0, LibraryOffset),
        new DateTimeOffset(2026, 11, 1, 0, 0, 0, LibraryOffset), new DateTimeOffset(2026, 11, 1, 3, 0, 0, LibraryOffset), 1, 640,
        JsonSerializer.SerializeToElement(new { readers = "outreach.readers", activity = "outreach.activity_months" }), "2026-09", true, "2025-10", false,
        [new MetricsIndicator("visits", "Library visits", "到馆人次", "count", "use", "ISO 2789")],
        [
            new MetricsCommunity("GL01", "古林社区", new Dictionary<string, MetricsFigure> { ["visits"] = new(412, 380, 32, null, null) }),
            new MetricsCommunity("all", "全部社区", new Dictionary<string, MetricsFigure> { ["visits"] = new(1530, 1422, 108, null, null) }),
        ]);
}
