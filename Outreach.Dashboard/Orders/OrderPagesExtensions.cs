using Outreach.Dashboard.Navigation;
using Outreach.Integrations.Configuration;

namespace Outreach.Dashboard.Orders;

public static class OrderPagesExtensions
{
    public static readonly StaffPage Orders = new("Orders", "/orders", 50);

    /// <summary>The book-order pages in the staff navigation, and the intake partners' keys validated at start.</summary>
    public static IServiceCollection AddOrderPages(this IServiceCollection services)
    {
        services.AddOutreachOptions<IntakePartnersOptions>(IntakePartnersOptions.Section);
        return services.AddStaffPage(Orders);
    }

    /// <summary>The endpoints of book orders outside Razor Pages: the bookstore's webhook and the partners' intake API.</summary>
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app) =>
        app.MapBookstoreWebhook().MapBookRequestApi();
}
