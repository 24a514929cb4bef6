using Outreach.Sandbox.Faults;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Bookstore;

/// <summary>Lets a request through to the bookstore's API only with its Bearer token.</summary>
internal sealed class BookstoreAuthFilter(BookstoreSimulator bookstore, FaultInjector faults) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : "";
        var forcedBad = faults.TryConsume(FaultTarget.ForEndpoint(http), FaultKind.BadToken) is not null;
        if (forcedBad || presented.Length == 0 || !string.Equals(presented, bookstore.Token, StringComparison.Ordinal))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiError.Result(StatusCodes.Status401Unauthorized, "unauthorized", "Missing or wrong Bearer token.");
        }

        return await next(context);
    }
}
