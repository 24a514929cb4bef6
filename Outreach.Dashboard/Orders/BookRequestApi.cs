using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Api;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Logging;
using Outreach.Worker.Orders;
using Outreach.Worker.Orders.Board;
using Outreach.Worker.Orders.Intake;

namespace Outreach.Dashboard.Orders;

/// <summary>
/// The intake JSON API for partner systems under /api/book-requests: send a reader's request, read how it stands.
/// Every request carries the partner's key (Outreach:Orders:Partners:{name}:ApiKey) in the X-Api-Key header.
/// </summary>
internal static partial class BookRequestApi
{
    public const string Path = AnonymousRoutes.Api + "/book-requests";
    public const string KeyHeader = "X-Api-Key";
    public const string Tag = "book-requests";
    private const string PartnerItem = "intake-partner";
    private const string Unauthorized = $"Send your partner API key in the {KeyHeader} header.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IEndpointRouteBuilder MapBookRequestApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).AllowAnonymous().AddEndpointFilter(RequirePartnerAsync).DisableAntiforgery()
            .WithTags(Tag).RequiresKey(PartnerApiDocument.BookRequestsKey, Unauthorized);
        api.MapPost("/", SubmitAsync).RequireJsonBody().WithName("SubmitBookRequest")
            .WithSummary("提交荐购请求 / Send a book request")
            .WithDescription("""
                读者通过合作方系统提交的荐购。回答 201 时务必查看 status：pending 表示将推送给书店；held 表示图书馆已有或已订购这本书，
                请求等待馆员决定是否再订，reason 说明原因。超出册数、每月限额或预算时回答 422。同一 external_ref 再次提交回答 200 和
                第一次的结果，不会重复下单。
                A reader's request for a book. On 201 read status: pending means it will be pushed to the bookstore; held
                means the library already holds this title or has it on order, and the request waits for staff to decide
                (reason says why). Limits (copies, the reader's month, the budget line) answer 422. The same external_ref
                sent again answers 200 with the first answer and orders nothing twice.
                """)
            .Takes(BookRequestExample.Body, Json)
            .Answers(StatusCodes.Status201Created, "已收到；status 为 pending 或 held（held 须留意）。 / Received; status is pending or held (notice held).",
                BookRequestExample.Held, Json)
            .Answers(StatusCodes.Status200OK, "同一 external_ref 已收到过：第一次的结果。 / Already received under this external_ref: the first answer.",
                BookRequestExample.Pending, Json)
            .Refuses(StatusCodes.Status400BadRequest, "请求体不是 JSON 对象。 / The body is not a JSON object.", "invalid_json", "A JSON object is required.")
            .Refuses(StatusCodes.Status422UnprocessableEntity, "请求不能受理，列出全部原因。 / The request cannot be taken; every reason at once.",
                new RequestRefusal("refused", ["ISBN '123' has 3 characters; an ISBN has 10 or 13 digits", "title is required"]));
        api.MapGet("/{orderRef}", ReadAsync).WithName("GetBookRequest")
            .WithSummary("查询荐购请求 / Read a book request")
            .WithDescription("按提交时回答的 order_ref 查询状态；只能查询本合作方提交的请求。 / How a request stands, by the order_ref it was answered; only your own requests.")
            .Answers(StatusCodes.Status200OK, "当前状态。 / How it stands.", BookRequestExample.Shipped, Json)
            .Refuses(StatusCodes.Status404NotFound, "没有由你提交的这个请求。 / You sent no request that became this order.", "not_found",
                "You sent no request that became BO-2026-000123.");
        return app;
    }

    private static async ValueTask<object?> RequirePartnerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var partners = http.RequestServices.GetRequiredService<IOptionsMonitor<IntakePartnersOptions>>().CurrentValue.Partners;
        var given = http.Request.Headers[KeyHeader].ToString();
        var partner = given.Length == 0 ? null : partners.FirstOrDefault(p => p.Value.ApiKey is { } key && Matches(key, given)).Key;
        if (partner is null)
        {
            Log.Refused(http.RequestServices.GetRequiredService<ILogger<IntakePartnersOptions>>());
            return Results.Json(new ApiError("unauthorized", Unauthorized), Json, statusCode: StatusCodes.Status401Unauthorized);
        }

        http.Items[PartnerItem] = partner;
        return await next(context);
    }

    // Hashing first makes the comparison constant-time whatever the lengths.
    private static bool Matches(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    private static async Task<IResult> SubmitAsync(HttpContext http, BookRequestIntake intake, CancellationToken cancellationToken)
    {
        BookRequestBody? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<BookRequestBody>(Json, cancellationToken);
        }
        catch (JsonException e)
        {
            return Results.Json(new ApiError("invalid_json", $"The body is not the JSON of a book request: {e.Message}"), Json,
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (body is null)
        {
            return Results.Json(new ApiError("invalid_json", "A JSON object is required."), Json, statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await intake.SubmitAsync(body.ToRequest(), RequestSource.Partner((string)http.Items[PartnerItem]!), cancellationToken);
        return result.Verdict switch
        {
            IntakeVerdict.Refused => Results.Json(new RequestRefusal("refused", result.Reasons), Json, statusCode: StatusCodes.Status422UnprocessableEntity),
            IntakeVerdict.AlreadyReceived => Results.Json(new BookRequestAnswer(result.OrderRef!, result.Status!, null), Json),
            IntakeVerdict.Held => Results.Json(new BookRequestAnswer(result.OrderRef!, result.Status!, result.Reasons[0]), Json, statusCode: StatusCodes.Status201Created),
            _ => Results.Json(new BookRequestAnswer(result.OrderRef!, result.Status!, null), Json, statusCode: StatusCodes.Status201Created),
        };
    }

    private static async Task<IResult> ReadAsync(string orderRef, HttpContext http, OrderBoard board, CancellationToken cancellationToken)
    {
        var detail = await board.DetailAsync(orderRef, cancellationToken);
        return detail is not null && detail.Source == RequestSourceKind.Api && detail.SourceName == (string)http.Items[PartnerItem]!
            ? Results.Json(new BookRequestAnswer(detail.Order.OrderRef, detail.Order.Status, detail.Order.StatusReason?.Text, detail.Order.StatusChangedAt), Json)
            : Results.Json(new ApiError("not_found", $"You sent no request that became {orderRef}."), Json, statusCode: StatusCodes.Status404NotFound);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.OrderApi + 1, Level = LogLevel.Warning, Message = "Book request API: a request without a valid partner key was refused")]
        public static partial void Refused(ILogger logger);
    }
}

[Description("合作方提交的荐购请求。 / A book request as a partner sends it.")]
internal sealed record BookRequestBody(
    [property: JsonPropertyName("card_number"), Required, Description("读者证号（ZB、九位数字和校验位）。 / The reader's card number (ZB, nine digits, a check character).")]
    string? CardNumber = null,
    [property: JsonPropertyName("isbn"), Required, Description("ISBN-10 或 ISBN-13。 / ISBN-10 or ISBN-13.")]
    string? Isbn = null,
    [property: JsonPropertyName("title"), Required, MaxLength(BookRequestRules.MaxTitleLength), Description("书名。 / Title.")]
    string? Title = null,
    [property: JsonPropertyName("quantity"), Required, Range(1, int.MaxValue),
     Description("册数，1 至上限（Outreach:Orders:MaxQuantity）。 / Copies, 1 to the limit (Outreach:Orders:MaxQuantity).")]
    int? Quantity = null,
    [property: JsonPropertyName("unit_price"), Required,
     Description("每册定价（元，最多两位小数），计入预算。 / List price per copy in yuan (at most two decimals), charged to the budget line.")]
    decimal? UnitPrice = null,
    [property: JsonPropertyName("budget_code"), Required, Description("预算代码（Outreach:Orders:BudgetLines 之一）。 / A budget line (one of Outreach:Orders:BudgetLines).")]
    string? BudgetCode = null,
    [property: JsonPropertyName("deliver_to"), Description("送书地点；默认图书馆服务台。 / Where the book goes; the library desk by default.")]
    BookRequestDeliverTo? DeliverTo = null,
    [property: JsonPropertyName("external_ref"), MaxLength(BookRequestRules.MaxExternalRefLength),
     Description("合作方自己的请求编号；同一编号再次提交不会重复下单。 / Your own id of the request; sent again, it orders nothing twice.")]
    string? ExternalRef = null)
{
    public BookRequest ToRequest() => new()
    {
        CardNumber = CardNumber,
        Isbn = Isbn,
        Title = Title,
        Quantity = Quantity,
        UnitPrice = UnitPrice,
        BudgetCode = BudgetCode,
        DeliverTo = DeliverTo?.Kind,
        DeliverCommunity = DeliverTo?.Community,
        ExternalRef = ExternalRef,
    };
}

[Description("送书地点。 / Where the bookstore delivers.")]
internal sealed record BookRequestDeliverTo(
    [property: JsonPropertyName("kind"), Description("library_desk：图书馆服务台；community_room：社区图书室。 / library_desk or community_room.")]
    string? Kind = null,
    [property: JsonPropertyName("community"), Description("community_room 时的社区代码；默认读者所在社区。 / For community_room: the community; the reader's own by default.")]
    string? Community = null);

[Description("荐购请求的状态。 / How a book request stands.")]
internal sealed record BookRequestAnswer(
    [property: JsonPropertyName("order_ref"), Description("订单编号，查询时使用。 / The order's reference, to read it later.")]
    string OrderRef,
    [property: JsonPropertyName("status"),
     Description("held：等待馆员决定；pending：待推送；其余为书店的处理状态。 / held: waits for staff; pending: to be pushed; the others are the bookstore's.")]
    string Status,
    [property: JsonPropertyName("reason"), Description("held、declined、rejected 等状态的原因。 / Why, for held, declined, rejected and the like.")]
    string? Reason = null,
    [property: JsonPropertyName("updated_at"), Description("状态最后变化的时间（仅查询时）。 / When the status last changed (when read).")]
    DateTimeOffset? UpdatedAt = null);

/// <summary>The examples of the book-request API's document.</summary>
internal static class BookRequestExample
{
    public static readonly BookRequestBody Body = new(Outreach.Worker.Readers.Cards.CardNumber.Format(123), "9787020008728", "三国演义", 1, 39.5m,
        "SOC2026", new BookRequestDeliverTo("community_room", null), "portal-req-1001");

    public static readonly BookRequestAnswer Pending = new("BO-2026-000123", OrderStatus.Pending, null);

    public static readonly BookRequestAnswer Held = new("BO-2026-000124", OrderStatus.Held,
        "the library already has this title on order (BO-2026-000123, accepted); staff decide whether to order it twice");

    public static readonly BookRequestAnswer Shipped = new("BO-2026-000123", OrderStatus.Shipped, null,
        new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));
}
