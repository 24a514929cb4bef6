using System.Globalization;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Worker.Audit;
using Outreach.Worker.Seats.Board;
using Outreach.Worker.Seats.Booking;

namespace Outreach.Dashboard.Seats;

/// <summary>An event's places as csv, masked as on the page; each export is in the audit trail.</summary>
internal static class SeatExport
{
    public static IEndpointRouteBuilder MapSeatExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/seats/{eventId:long}/export.csv", ExportAsync);
        return app;
    }

    private static async Task<IResult> ExportAsync(long eventId, HttpContext http, SeatBoard board, AuditTrail audit, LibraryTime time,
        CancellationToken cancellationToken)
    {
        if (await board.EventAsync(eventId, cancellationToken) is null)
        {
            return Results.NotFound();
        }

        var places = await board.PlacesAsync(eventId, cancellationToken);
        await audit.AppendAsync(http.AuditActor(), new AuditEntry(AuditActions.SeatsExported, SeatControls.Target(eventId),
            new Dictionary<string, string> { ["rows"] = places.Count.ToString(CultureInfo.InvariantCulture) }), cancellationToken);
        return Results.File(SeatBoard.Csv(places, time.Format), "text/csv; charset=utf-8",
            string.Create(CultureInfo.InvariantCulture, $"seats-event-{eventId}.csv"));
    }
}
