using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Hangfire;

namespace Outreach.EndToEnd.Tests.Security;

/// <summary>
/// Every request the running dashboard answers, read from its EndpointDataSource (Razor pages with each POST handler,
/// minimal API endpoints with their methods) plus the commands behind the Hangfire dashboard's buttons, found on its
/// pages as an operator sees them. A feature that adds a route is covered without a change here.
/// </summary>
public static class DashboardRoutes
{
    /// <summary>Stands in for an id that exists nowhere, so a command runs its checks but changes nothing.</summary>
    public const string MissingId = "987654321";

    private static readonly string[] HangfireLists =
        ["/jobs/enqueued", "/jobs/scheduled", "/jobs/processing", "/jobs/succeeded", "/jobs/failed", "/jobs/deleted", "/jobs/awaiting", "/recurring", "/retries"];

    public static async Task<IReadOnlyList<RouteCase>> EndpointsAsync(WebApplication dashboard)
    {
        var loader = dashboard.Services.GetRequiredService<PageLoader>();
        var cases = new List<RouteCase>();
        foreach (var endpoint in dashboard.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = SamplePath(endpoint.RoutePattern);
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? a.Roles).LastOrDefault(p => p is not null);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                anonymous |= compiled.EndpointMetadata.OfType<IAllowAnonymous>().Any();
                policy ??= compiled.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy ?? a.Roles).LastOrDefault(p => p is not null);
                cases.Add(new RouteCase(path, HttpMethods.Get, RouteKind.Page, pattern, anonymous, policy));
                cases.AddRange(compiled.HandlerMethods
                    .Where(h => !string.Equals(h.HttpMethod, HttpMethods.Get, StringComparison.OrdinalIgnoreCase))
                    .Select(h => new RouteCase(h.Name is null ? path : $"{path}?handler={h.Name}", h.HttpMethod.ToUpperInvariant(), RouteKind.Page,
                        pattern, anonymous, policy)));
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
                cases.AddRange(methods.Select(m => new RouteCase(path, m, RouteKind.Endpoint, pattern, anonymous, policy)));
            }
        }

        // Razor maps a page under both "/x" and "/x/Index"; the short one is the page's address.
        return cases
            .GroupBy(c => (Path: Canonical(c.Path), c.Method))
            .Select(g => g.OrderBy(c => c.Path.Length).First())
            .OrderBy(c => c.Path, StringComparer.Ordinal)
            .ThenBy(c => c.Method, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The POST commands behind every button of the Hangfire dashboard an operator sees (list toolbars and job pages),
    /// with job ids replaced by <see cref="MissingId"/>. The world must hold jobs in the lists, or the buttons do not show.
    /// </summary>
    public static async Task<IReadOnlyList<RouteCase>> HangfireCommandsAsync(StaffSession @operator, string jobDetailsPath)
    {
        var urls = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var list in HangfireLists)
        {
            urls.UnionWith(Html.AttributeValues(await @operator.PageAsync(HangfireDashboard.Path + list), "data-url"));
        }

        urls.UnionWith(Html.AttributeValues(await @operator.PageAsync(jobDetailsPath), "data-ajax"));
        var jobId = jobDetailsPath[(jobDetailsPath.LastIndexOf('/') + 1)..];
        return urls
            .Where(url => url.StartsWith(HangfireDashboard.Path + "/", StringComparison.Ordinal) && !url.EndsWith(HangfireDashboard.StatsPath, StringComparison.Ordinal))
            .Select(url => url.EndsWith("/" + jobId, StringComparison.Ordinal) ? url[..^jobId.Length] + MissingId : url)
            .Distinct()
            .Select(url => new RouteCase(url, HttpMethods.Post, RouteKind.HangfireCommand, HangfireDashboard.Path + "/{**path}", false, null))
            .ToList();
    }

    private static string Canonical(string path)
    {
        var (route, query) = path.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? (path[..q], path[q..]) : (path, "");
        if (route.EndsWith("/Index", StringComparison.OrdinalIgnoreCase))
        {
            route = route[..^"/Index".Length];
        }

        return (route.Length == 0 ? "/" : route).ToLowerInvariant() + query;
    }

    // Sample values that match each parameter's constraints; a catch-all is left out (Hangfire's pages are probed separately).
    private static string SamplePath(RoutePattern pattern)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart { IsCatchAll: true } => "",
                RoutePatternParameterPart { IsOptional: true } => "",
                RoutePatternParameterPart parameter => SampleValue(parameter),
                _ => "",
            }));
            if (text.Length > 0)
            {
                segments.Add(text);
            }
        }

        // The dashboard writes its links in lower case (RouteOptions.LowercaseUrls); routes match any case.
        return ("/" + string.Join('/', segments)).ToLowerInvariant();
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        return constraints.Any(c => c is "int" or "long" or "decimal" or "double" or "float") ? MissingId
            : constraints.Contains("guid") ? Guid.Empty.ToString()
            : constraints.Contains("datetime") ? "2026-11-20"
            : constraints.Contains("bool") ? "false"
            : "sample";
    }
}
