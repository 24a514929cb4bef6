namespace Outreach.Dashboard.Seats;

public static class SeatPagesExtensions
{
    /// <summary>Seats at events: the residents' pages' rate limit.</summary>
    public static IServiceCollection AddSeatPages(this IServiceCollection services) => services.AddPublicSeatRateLimit();

    /// <summary>The residents' seat pages: their own page under their digest link, and each event's public page.</summary>
    public static IEndpointRouteBuilder MapSeatEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapSeatLinks();
        app.MapPublicSeats();
        return app;
    }
}
