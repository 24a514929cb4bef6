using Outreach.Dashboard.Api;
using Outreach.Integrations.Logging;
using Outreach.Worker.Activity;

namespace Outreach.Dashboard.Metrics;

/// <summary>
/// Lets a request through only with one of the configured keys in the X-Api-Key header, and remembers whose key it
/// was (the calling system's name); otherwise 401 with a JSON reason, never a redirect to the login page.
/// </summary>
internal sealed partial class ApiKeyFilter(Func<IServiceProvider, IReadOnlyDictionary<string, string>> keys) : IEndpointFilter
{
    public const string Header = "X-Api-Key";
    public const string Refusal = $"Send a valid API key in the {Header} header.";

    private const string CallerItem = "outreach.api-caller";

    /// <summary>The name of the system whose key the request carried (set by the filter).</summary>
    public static string Caller(HttpContext context) => (string)context.Items[CallerItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = ApiKeyRing.Match(keys(http.RequestServices), http.Request.Headers[Header].ToString());
        if (caller is null)
        {
            Log.Refused(http.RequestServices.GetRequiredService<ILogger<ApiKeyFilter>>(), http.Request.Path);
            return Results.Json(new ApiError("unauthorized", Refusal), statusCode: StatusCodes.Status401Unauthorized);
        }

        http.Items[CallerItem] = caller.ToLowerInvariant();
        return await next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.MetricsApi + 1, Level = LogLevel.Warning, Message = "API request to {Path} refused: no valid API key")]
        public static partial void Refused(ILogger logger, PathString path);
    }
}
