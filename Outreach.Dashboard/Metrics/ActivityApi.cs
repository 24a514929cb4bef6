using System.Text.Json;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Api;
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
    public const string Tag = "activity";

    public static IEndpointRouteBuilder MapActivityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, IngestAsync).AllowAnonymous().DisableAntiforgery()
            .AddEndpointFilter(new ApiKeyFilter(services => services.GetRequiredService<IOptionsMonitor<ActivityOptions>>().CurrentValue.ApiKeys))
            .RequireJsonBody()
            .WithTags(Tag).WithName("PostActivity").RequiresKey(PartnerApiDocument.ActivityKey, ApiKeyFilter.Refusal)
            .WithSummary("发送活动记录 / Send activity records")
            .WithDescription("""
                一批到馆、借阅、电子资源和活动签到记录。密钥的名称即来源系统；同一来源的同一 id 只计一次，重发整批是安全的。
                有问题的记录被隔离（回答中列出原因，馆员在隔离页面处理），其余照常计入；回答 200。
                A batch of visits, loans, e-resource sessions and attendances. The key's name is the sending system; a
                record counts once per source and id, so resending a whole batch is safe. Records with a problem are
                quarantined (listed with their reason in the answer and on the staff quarantine page); the rest count. Answers 200.
                """)
            .Takes(ActivityExample.Batch, MetricsJson.Options)
            .Answers(StatusCodes.Status200OK, "已处理：计入、重复和隔离的数目。 / Taken in: counted, duplicate and quarantined records.",
                ActivityExample.Answer, MetricsJson.Options)
            .Refuses(StatusCodes.Status400BadRequest, "请求体不是一批记录，或没有记录（error 为 invalid_json 或 no_records）。 / The body is not a batch, or has no records (invalid_json, no_records).",
                "no_records", "The body has no records: send {\"records\": [{\"id\", \"card\", \"kind\", \"at\"}]}.")
            .Refuses(StatusCodes.Status413PayloadTooLarge, "批次超过条数上限，整批未处理。 / Too many records in one batch; nothing was taken in.",
                "batch_too_large", "The batch has 20000 records; send at most 10000 per request. Nothing was taken in.");
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
        return Results.Json(ActivityAnswer.From(outcome), MetricsJson.Options);
    }

    private static IResult Problem(int status, string error, string message) =>
        Results.Json(MetricsJson.Problem(error, message), MetricsJson.Options, statusCode: status);
}

/// <summary>The examples of the activity API's document.</summary>
internal static class ActivityExample
{
    public static readonly ActivityBatchRequest Batch = new()
    {
        Batch = "gate-2026-11-20",
        Records =
        [
            new ActivityRecordRequest { Id = "G-1001", Card = Outreach.Worker.Readers.Cards.CardNumber.Format(123), Kind = ActivityKinds.Visit, At = "2026-11-20T09:12" },
        ],
    };

    public static readonly ActivityAnswer Answer = new(812, 2, 1, 0, 1, 0, [new ActivityRejectView(2, "G-1002", "unknown_card", "No reader holds card ZB0000001245.")]);
}
