using Outreach.Dashboard.Navigation;

namespace Outreach.Dashboard.Seats;

public static class SeatPagesExtensions
{
    public static readonly StaffPage Seats = new("Seats", "/seats", 44);

    /// <summary>Seats at events: the staff pages in the navigation, the residents' pages' rate limit.</summary>
    public static IServiceCollection AddSeatPages(this IServiceCollection services) => services.AddStaffPage(Seats).AddPublicSeatRateLimit();

    /// <summary>The residents' seat pages (their own page under their digest link, each event's public page) and the staff export.</summary>
    public static IEndpointRouteBuilder MapSeatEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapSeatLinks();
        app.MapPublicSeats();
        app.MapSeatExport();
        return app;
    }
}
