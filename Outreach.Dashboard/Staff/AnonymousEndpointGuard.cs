using Microsoft.AspNetCore.Authorization;

namespace Outreach.Dashboard.Staff;

/// <summary>
/// Refuses to start when an endpoint allows anonymous access outside <see cref="AnonymousRoutes"/>. It checks once
/// the request pipeline is built (every endpoint mapped), before the server takes requests.
/// </summary>
internal sealed class AnonymousEndpointGuard : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        var strays = app.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(path => !AnonymousRoutes.Allows(new PathString(path)))
            .Distinct()
            .ToList();
        if (strays.Count > 0)
        {
            throw new InvalidOperationException(
                $"These endpoints allow anonymous access outside the allow-list ({string.Join(", ", AnonymousRoutes.Prefixes)}): " +
                $"{string.Join(", ", strays)}. Move them under an allowed prefix or remove AllowAnonymous.");
        }
    };
}
