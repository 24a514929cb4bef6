using System.Text.Json;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Activity;

namespace Outreach.Dashboard.Metrics;

/// <summary>
/// POST /api/activity: the library's systems send batches of activity records ({"batch": "...", "records": [{"id",
/// "card", "kind", "at", "event"}]}). The key (Outreach:Activity:ApiKeys) names the sending system, whose ids make a
/// resent batch count once. The answer says what was accepted, already counted and quarantined, with the reasons.
/// </summary>
internal static class ActivityApi
{
    public const string Path = AnonymousRoutes.Api + "/activity";

    public static IEndpointRouteBuilder MapActivityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, IngestAsync).AllowAnonymous().DisableAntiforgery()
            .AddEndpointFilter(new ApiKeyFilter(services => services.GetRequiredService<IOptionsMonitor<ActivityOptions>>().CurrentValue.ApiKeys))
            .RequireJsonBody();
        return app;
    }

    private static async Task<IResult> IngestAsync(HttpContext context, ActivityIntake intake, IOptionsMonitor<ActivityOptions> options,
        CancellationToken cancellationToken)
    {
        ActivityBatchRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ActivityBatchRequest>(context.Request.Body, MetricsJson.Options, cancellationToken);
        }
        catch (JsonException invalid)
        {
            return Problem(StatusCodes.Status400BadRequest, "invalid_json", $"The body is not a batch of records: {invalid.Message}");
        }

        if (body?.Records is not { Count: > 0 } records)
        {
            return Problem(StatusCodes.Status400BadRequest, "no_records", "The body has no records: send {\"records\": [{\"id\", \"card\", \"kind\", \"at\"}]}.");
        }

        var limit = options.CurrentValue.MaxBatchRecords;
        if (records.Count > limit)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "batch_too_large",
                $"The batch has {records.Count} records; send at most {limit} per request. Nothing was taken in.");
        }

        var source = ApiKeyFilter.Caller(context);
        var batchName = body.Batch?.Trim() is { Length: > 0 } given ? $"api:{source}:{given[..Math.Min(given.Length, 80)]}" : $"api:{source}";
        var outcome = await intake.IngestAsync(new ActivityBatch(source, ActivityBatch.ApiChannel, batchName), records.Select(r => r.ToRecord()), cancellationToken);
        return Results.Json(new
        {
            run = outcome.RunId,
            received = outcome.Received,
            accepted = outcome.Accepted,
            duplicates = outcome.Duplicates,
            quarantined = outcome.Quarantined,
            alreadyQuarantined = outcome.AlreadyQuarantined,
            rejects = outcome.Rejects.Select(r => new { row = r.Row, id = r.Id, reason = r.Reason, message = r.Message }),
        }, MetricsJson.Options);
    }

    private static IResult Problem(int status, string error, string message) =>
        Results.Json(MetricsJson.Problem(error, message), MetricsJson.Options, statusCode: status);
}
