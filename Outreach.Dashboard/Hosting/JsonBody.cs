using Outreach.Dashboard.Api;

namespace Outreach.Dashboard.Hosting;

/// <summary>
/// The JSON APIs take JSON: a body sent as text/plain, form data or anything else gets 415 with what to send,
/// before anything tries to read it.
/// </summary>
internal static class JsonBody
{
    public const string Message = "Send the body as JSON, with the header Content-Type: application/json.";

    public static TBuilder RequireJsonBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (context, next) =>
                context.HttpContext.Request.HasJsonContentType()
                    ? next(context)
                    : ValueTask.FromResult<object?>(Results.Json(new ApiError("unsupported_media_type", Message),
                        statusCode: StatusCodes.Status415UnsupportedMediaType)))
            .Refuses(StatusCodes.Status415UnsupportedMediaType, "请求体不是 JSON（缺少 Content-Type: application/json）。 / The body is not sent as JSON.",
                "unsupported_media_type", Message);
}
