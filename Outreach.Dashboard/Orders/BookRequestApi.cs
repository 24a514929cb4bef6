using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Logging;
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
    private const string PartnerItem = "intake-partner";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IEndpointRouteBuilder MapBookRequestApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).AllowAnonymous().AddEndpointFilter(RequirePartnerAsync).DisableAntiforgery();
        api.MapPost("/", SubmitAsync).RequireJsonBody();
        api.MapGet("/{orderRef}", ReadAsync);
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
            return Results.Json(new { error = "unauthorized", message = $"Send your partner API key in the {KeyHeader} header." }, Json,
                statusCode: StatusCodes.Status401Unauthorized);
        }

        http.Items[PartnerItem] = partner;
        return await next(context);
    }

    // Hashing first makes the comparison constant-time whatever the lengths.
    private static bool Matches(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    private static async Task<IResult> SubmitAsync(HttpContext http, BookRequestIntake intake, CancellationToken cancellationToken)
    {
        RequestBody? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<RequestBody>(Json, cancellationToken);
        }
        catch (JsonException e)
        {
            return Results.Json(new { error = "invalid_json", message = $"The body is not the JSON of a book request: {e.Message}" }, Json,
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (body is null)
        {
            return Results.Json(new { error = "invalid_json", message = "A JSON object is required." }, Json, statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await intake.SubmitAsync(body.ToRequest(), RequestSource.Partner((string)http.Items[PartnerItem]!), cancellationToken);
        return result.Verdict switch
        {
            IntakeVerdict.Refused => Results.Json(new { error = "refused", reasons = result.Reasons }, Json, statusCode: StatusCodes.Status422UnprocessableEntity),
            IntakeVerdict.AlreadyReceived => Results.Json(new Answer(result.OrderRef!, result.Status!, null), Json),
            IntakeVerdict.Held => Results.Json(new Answer(result.OrderRef!, result.Status!, result.Reasons[0]), Json, statusCode: StatusCodes.Status201Created),
            _ => Results.Json(new Answer(result.OrderRef!, result.Status!, null), Json, statusCode: StatusCodes.Status201Created),
        };
    }

    private static async Task<IResult> ReadAsync(string orderRef, HttpContext http, OrderBoard board, CancellationToken cancellationToken)
    {
        var detail = await board.DetailAsync(orderRef, cancellationToken);
        return detail is not null && detail.Source == RequestSourceKind.Api && detail.SourceName == (string)http.Items[PartnerItem]!
            ? Results.Json(new Answer(detail.Order.OrderRef, detail.Order.Status, detail.Order.StatusReason, detail.Order.StatusChangedAt), Json)
            : Results.Json(new { error = "not_found", message = $"You sent no request that became {orderRef}." }, Json, statusCode: StatusCodes.Status404NotFound);
    }

    /// <summary>What a partner sends; deliver_to has the bookstore's shape.</summary>
    private sealed record RequestBody(string? CardNumber, string? Isbn, string? Title, int? Quantity, decimal? UnitPrice, string? BudgetCode,
        DeliverToBody? DeliverTo, string? ExternalRef)
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

    private sealed record DeliverToBody(string? Kind, string? Community);

    private sealed record Answer(string OrderRef, string Status, string? Reason, DateTimeOffset? UpdatedAt = null);

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.OrderApi + 1, Level = LogLevel.Warning, Message = "Book request API: a request without a valid partner key was refused")]
        public static partial void Refused(ILogger logger);
    }
}
