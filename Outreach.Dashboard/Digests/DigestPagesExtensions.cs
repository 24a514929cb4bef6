using Outreach.Dashboard.Navigation;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Staff;

namespace Outreach.Dashboard.Digests;

public static class DigestPagesExtensions
{
    public static readonly StaffPage Digests = new("Digests", "/digests", 40);
    public static readonly StaffPage Events = new("Events", "/digests/events", 42);

    /// <summary>The digest and event pages in the staff navigation.</summary>
    public static IServiceCollection AddDigestPages(this IServiceCollection services) =>
        services.AddStaffPage(Digests).AddStaffPage(Events);

    /// <summary>The endpoints of digests outside Razor Pages: the residents' unsubscribe links, the events API, the preview's HTML.</summary>
    public static IEndpointRouteBuilder MapDigestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapUnsubscribe();
        app.MapEventsApi();
        app.MapGet("/digests/preview/html", PreviewHtmlAsync);
        return app;
    }

    // The digest's own markup, shown in the preview page's frame: sandboxed, nothing loaded from outside.
    private static async Task<IResult> PreviewHtmlAsync(string community, string? week, DigestPreview preview, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var isoWeek = IsoWeek.TryParse(week, out var parsed) ? parsed : (IsoWeek?)null;
        var result = await preview.RenderAsync(community, isoWeek, cancellationToken);
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'";
        response.Headers["X-Frame-Options"] = "SAMEORIGIN";
        return result.Bodies is null
            ? Results.Content("<p>No events in the coming days: no digest would be sent.</p>", "text/html; charset=utf-8")
            : Results.Content(result.Bodies.Html, "text/html; charset=utf-8");
    }
}
