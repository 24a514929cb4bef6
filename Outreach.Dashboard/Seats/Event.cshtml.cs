using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Audit;
using Outreach.Worker.Seats.Board;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Seats.Notices;

namespace Outreach.Dashboard.Seats;

/// <summary>
/// One event's seats: who registered, was offered, waits, checked in (masked); capacity, closing and reopening; and its
/// seat mail stuck in sending, for staff to record as arrived or send again.
/// </summary>
public sealed class SeatEventModel(SeatBoard board, SeatControls controls, StuckSeatNotices stuck, LibraryTime time) : PageModel
{
    /// <summary>At most this many stuck messages are listed (a crash leaves a handful).</summary>
    public const int StuckShown = 500;

    private const int MaxCapacity = 100_000;

    [BindProperty(SupportsGet = true)]
    public long EventId { get; set; }

    [BindProperty]
    public int Capacity { get; set; }

    public SeatEventRow Event { get; private set; } = null!;

    public IReadOnlyList<SeatPlaceRow> Places { get; private set; } = [];

    public IReadOnlyList<StuckSeatNotice> Stuck { get; private set; } = [];

    /// <summary>The key of the words (SeatsText) saying what the last action did.</summary>
    public string? Message { get; private set; }

    public bool CanOperate => User.CanOperate();

    public LibraryTime Time => time;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public Task<IActionResult> OnPostCapacityAsync(CancellationToken cancellationToken) =>
        !ModelState.IsValid || Capacity is < 0 or > MaxCapacity
            ? RefuseAsync("CapacityRange", cancellationToken)
            : ActAsync(staff => controls.SetCapacityAsync(EventId, Capacity, staff, cancellationToken), "CapacityChanged", cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken) =>
        ActAsync(staff => controls.CloseAsync(EventId, staff, cancellationToken), "RegistrationClosedDone", cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(CancellationToken cancellationToken) =>
        ActAsync(staff => controls.ReopenAsync(EventId, staff, cancellationToken), "RegistrationReopened", cancellationToken);

    /// <summary>A message caught by a crash: the relay's log shows it arrived (recorded as sent), or it did not (sent again by the next run).</summary>
    public async Task<IActionResult> OnPostResolveAsync(long notice, bool resend, CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        var done = await stuck.ResolveAsync(EventId, notice, resend, HttpContext.AuditActor(), cancellationToken);
        Message = !done ? "NothingChanged" : resend ? "Released" : "RecordedSent";
        return await ShowAsync(cancellationToken);
    }

    /// <summary>Operators only: a viewer's POST is refused even though the page shows a viewer no button.</summary>
    private async Task<IActionResult> ActAsync(Func<AuditActor, Task<bool>> action, string done, CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        Message = await action(HttpContext.AuditActor()) ? done : "NoSeatsSet";
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> RefuseAsync(string reason, CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        Message = reason;
        return await ShowAsync(cancellationToken, StatusCodes.Status400BadRequest);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken, int status = StatusCodes.Status200OK)
    {
        if (await board.EventAsync(EventId, cancellationToken) is not { } e)
        {
            return NotFound();
        }

        Event = e;
        if (status == StatusCodes.Status200OK)
        {
            Capacity = e.Capacity;
        }

        Places = await board.PlacesAsync(EventId, cancellationToken);
        Stuck = await stuck.ListAsync(EventId, StuckShown, cancellationToken);
        Response.StatusCode = status;
        return Page();
    }
}
