using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Hosting;
using Outreach.Integrations.Time;
using Outreach.Worker.Seats.Board;
using Outreach.Worker.Seats.Notices;

namespace Outreach.Dashboard.Seats;

/// <summary>Upcoming events with seats: capacity, fill, offers, the waitlist and check-ins; and the seat mail stuck in sending, by event.</summary>
public sealed class SeatsIndexModel(SeatBoard board, StuckSeatNotices stuck, LibraryCalendar calendar, LibraryTime time) : PageModel
{
    public IReadOnlyList<SeatEventRow> Events { get; private set; } = [];

    public IReadOnlyList<StuckSeatNotice> Stuck { get; private set; } = [];

    public LibraryTime Time => time;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Events = await board.UpcomingAsync(calendar.StartOf(calendar.Today), cancellationToken);
        Stuck = await stuck.ListAsync(null, SeatEventModel.StuckShown, cancellationToken);
    }
}
