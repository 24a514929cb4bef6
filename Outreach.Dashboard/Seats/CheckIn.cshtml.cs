using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Seats.CheckIn;
using Outreach.Worker.Seats.Residents;

namespace Outreach.Dashboard.Seats;

/// <summary>Check-in at the door, sized for a phone: a card number typed, or the QR code of a confirmation scanned with the camera.</summary>
public sealed class CheckInModel(SeatEvents events, SeatCheckIn checkIn, LibraryTime time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long EventId { get; set; }

    [BindProperty]
    public string? Card { get; set; }

    public SeatEvent Event { get; private set; } = null!;

    public CheckInResult? Result { get; private set; }

    public bool CanOperate => User.CanOperate();

    public LibraryTime Time => time;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        Result = await checkIn.ByCardAsync(EventId, Card, HttpContext.AuditActor(), cancellationToken);
        Card = null;
        ModelState.Clear();
        return await ShowAsync(cancellationToken);
    }

    /// <summary>The result in the words staff read at the door.</summary>
    public static string Words(IStringLocalizer<SeatsText> text, CheckInResult result) => result.Verdict switch
    {
        CheckInVerdict.CheckedIn when result.AlreadyIn => text["Result.AlreadyIn", result.NameMasked ?? "", result.CardTail ?? ""],
        CheckInVerdict.CheckedIn when result.WalkIn => text["Result.WalkIn", result.NameMasked ?? "", result.CardTail ?? ""],
        CheckInVerdict.CheckedIn when result.Guests > 0 => text["Result.CheckedInGuests", result.NameMasked ?? "", result.CardTail ?? "", result.Guests],
        CheckInVerdict.CheckedIn => text["Result.CheckedIn", result.NameMasked ?? "", result.CardTail ?? ""],
        CheckInVerdict.UnknownCard => text["Result.UnknownCard"],
        CheckInVerdict.OtherEvent => text["Result.OtherEvent"],
        _ => text["Result.NoEvent"],
    };

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (await events.FindAsync(EventId, cancellationToken) is not { } e)
        {
            return NotFound();
        }

        Event = e;
        return Page();
    }
}
