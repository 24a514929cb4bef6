using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
    public static string Words(CheckInResult result) => result.Verdict switch
    {
        CheckInVerdict.CheckedIn when result.AlreadyIn => $"{result.NameMasked}（卡号尾号 {result.CardTail}）已经签到过了。",
        CheckInVerdict.CheckedIn when result.WalkIn => $"{result.NameMasked}（卡号尾号 {result.CardTail}）未报名，已作为现场参加登记并签到。",
        CheckInVerdict.CheckedIn => $"{result.NameMasked}（卡号尾号 {result.CardTail}）签到成功" + (result.Guests > 0 ? $"，同行 {result.Guests} 人。" : "。"),
        CheckInVerdict.UnknownCard => "没有找到这张有效的阅览证，请核对卡号。",
        CheckInVerdict.OtherEvent => "这个二维码属于另一场活动。",
        _ => "这个活动不存在或已取消。",
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
