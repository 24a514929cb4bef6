using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Seats.CheckIn;
using Outreach.Worker.Seats.Residents;

namespace Outreach.Dashboard.Seats;

/// <summary>
/// Where a scanned QR code of a confirmation leads (behind the staff login): the event and a button to check the reader
/// in. The scan itself changes nothing; the button does.
/// </summary>
public sealed class CheckInCodeModel(SeatEvents events, SeatCheckIn checkIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    public SeatEvent? Event { get; private set; }

    public CheckInResult? Result { get; private set; }

    public bool CanOperate => User.CanOperate();

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        if (await checkIn.RegistrationAsync(Token, cancellationToken) is not { } registration)
        {
            return NotFound();
        }

        Result = await checkIn.ByCodeAsync(registration.EventId, Token, HttpContext.AuditActor(), cancellationToken);
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (await checkIn.RegistrationAsync(Token, cancellationToken) is not { } registration
            || await events.FindAsync(registration.EventId, cancellationToken) is not { } e)
        {
            return NotFound();
        }

        Event = e;
        return Page();
    }
}
