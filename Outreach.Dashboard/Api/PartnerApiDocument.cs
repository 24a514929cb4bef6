using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Outreach.Dashboard.Digests;
using Outreach.Dashboard.Metrics;
using Outreach.Dashboard.Orders;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Bookstore;
using Outreach.Worker.Activity;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Orders;

namespace Outreach.Dashboard.Api;

/// <summary>
/// The OpenAPI document of the partner APIs (/api/events, /api/book-requests, /api/activity, /api/metrics), generated
/// from their endpoints and served without login at /openapi/v1.json; a copy is committed as docs/openapi/v1.json.
/// </summary>
public static class PartnerApiDocument
{
    public const string Name = "v1";
    public const string Path = AnonymousRoutes.OpenApi + "/" + Name + ".json";

    /// <summary>The security schemes: every API takes an X-Api-Key header, each from its own configured keys.</summary>
    public const string EventsKey = "events_key";
    public const string BookRequestsKey = "book_requests_key";
    public const string ActivityKey = "activity_key";
    public const string MetricsKey = "metrics_key";

    private static readonly (string Scheme, string Description)[] Keys =
    [
        (EventsKey, "活动接口的密钥（配置项 Outreach:Digests:ApiKeys:<合作方>）。 / A key of the events API (Outreach:Digests:ApiKeys:<partner>)."),
        (BookRequestsKey, "荐购接口的合作方密钥（配置项 Outreach:Orders:Partners:<合作方>:ApiKey，至少 24 个字符）；合作方只能查询自己提交的请求。 / " +
            "A partner's key of the book-request API (Outreach:Orders:Partners:<partner>:ApiKey, at least 24 characters); a partner reads only its own requests."),
        (ActivityKey, "活动记录接口的密钥，密钥名即来源系统（配置项 Outreach:Activity:ApiKeys:<系统>）。 / " +
            "A key of the activity intake; its name is the sending system (Outreach:Activity:ApiKeys:<system>)."),
        (MetricsKey, "月度指标接口的密钥（配置项 Outreach:Metrics:ApiKeys:<名称>）。 / A key of the figures API (Outreach:Metrics:ApiKeys:<name>)."),
    ];

    /// <summary>Text fields that take one of a fixed list of codes, by (declaring type, JSON name).</summary>
    private static readonly Dictionary<(Type Type, string Property), IReadOnlyList<string>> Codes = new()
    {
        [(typeof(EventBody), "kind")] = EventKinds.All.Select(k => k.Code).ToList(),
        [(typeof(EventView), "kind")] = EventKinds.All.Select(k => k.Code).ToList(),
        [(typeof(BookRequestAnswer), "status")] = OrderStatus.All,
        [(typeof(BookRequestDeliverTo), "kind")] = [DeliverTo.LibraryDesk, DeliverTo.CommunityRoom],
        [(typeof(ActivityRecordRequest), "kind")] = ActivityKinds.All,
    };

    private const string Description = """
        图书馆社区服务中心（Outreach）向合作方开放的接口。每个请求都在 `X-Api-Key` 请求头中携带该接口的密钥（各接口的密钥分别配置，见安全方案）。
        请求体和回答都是 JSON（`Content-Type: application/json`，否则回答 415）。错误的回答体都含 `error`（稳定的错误代码）和说明。
        活动接口和荐购接口的字段用 snake_case，活动记录接口和月度指标接口用 camelCase。没有时区的时间按图书馆时间（Asia/Shanghai）理解。
        新华书店的回调（`/webhooks/bookstore`）和社区系统的接口由对方的约定规定，不在本文档中。

        The Outreach hub's APIs for partners. Every request carries the API's key in the `X-Api-Key` header (each API has
        its own keys; see the security schemes). Bodies and answers are JSON (`Content-Type: application/json`, else 415).
        Every refusal's body has `error`, a stable code, and a sentence saying what to send instead. The events and
        book-request APIs name fields in snake_case, the activity and figures APIs in camelCase. A time without an offset
        is library time (Asia/Shanghai). The bookstore's webhook (`/webhooks/bookstore`) and the community systems'
        APIs follow those parties' own contracts and are not described here.
        """;

    private static readonly (string Name, string Description)[] Tags =
    [
        (EventsApi.Tag, "活动：列出、读取、创建、替换、取消（DELETE 即取消，活动不会被删除）。 / Events of the programme: list, read, create, replace, cancel (DELETE cancels; nothing is deleted)."),
        (BookRequestApi.Tag, "荐购：提交读者的荐购请求，查询处理状态。 / Book requests: send a reader's request, read how it stands."),
        (ActivityApi.Tag, "活动记录：到馆、借阅、电子资源、活动签到。 / Activity records: visits, loans, e-resource sessions, attendance."),
        (MetricsApi.Tag, "月度服务效能指标。 / Monthly service-effectiveness figures."),
    ];

    public static IServiceCollection AddPartnerApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = description => description.RelativePath?.StartsWith(AnonymousRoutes.Api[1..] + "/", StringComparison.Ordinal) == true;
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonPropertyInfo is { } property && Codes.TryGetValue((property.DeclaringType, property.Name), out var codes))
                {
                    schema.Enum = codes.Select(code => (JsonNode)JsonValue.Create(code)).ToList();
                }

                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Outreach 合作方接口 / Outreach partner API",
                    Version = Name,
                    Description = Description,
                };
                // The document is the same wherever it is served from (and equals the committed copy).
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = Keys.ToDictionary(k => k.Scheme, k => (IOpenApiSecurityScheme)new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = EventsApi.KeyHeader,
                    Description = k.Description,
                });
                document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
                return Task.CompletedTask;
            });
        });

    /// <summary>GET /openapi/v1.json, without login.</summary>
    public static IEndpointRouteBuilder MapPartnerApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(AnonymousRoutes.OpenApi + "/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>The document as served, for the reference page.</summary>
    public static async Task<string> JsonAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>(Name).GetOpenApiDocumentAsync(cancellationToken);
        return await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken);
    }
}
