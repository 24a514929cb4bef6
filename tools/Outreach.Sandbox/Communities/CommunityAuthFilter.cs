using Outreach.Sandbox.Faults;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Communities;

/// <summary>Lets a request through to a community's API only with that community's Bearer token.</summary>
internal sealed partial class CommunityAuthFilter(CommunitySimulator communities, FaultInjector faults, ILogger<CommunityAuthFilter> logger)
    : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var code = http.Request.RouteValues["code"] as string ?? "";
        var community = communities.Find(code);
        if (community is not { Kind: CommunityKind.Rest })
        {
            return ApiError.Result(StatusCodes.Status404NotFound, "unknown_community", $"No community system with an API answers for {code}.");
        }

        var header = http.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : "";
        var forcedBad = faults.TryConsume(FaultTarget.ForEndpoint(http), FaultKind.BadToken) is not null;
        if (forcedBad || !community.Accepts(presented))
        {
            Log.Refused(logger, community.Code, presented.Length == 0 ? "missing" : "wrong");
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiError.Result(StatusCodes.Status401Unauthorized, "unauthorized", "Missing or wrong Bearer token.");
        }

        return await next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Community {Community} refused a request: {Token} token")]
        public static partial void Refused(ILogger logger, string community, string token);
    }
}
