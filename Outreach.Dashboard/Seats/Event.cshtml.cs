using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Audit;
using Outreach.Worker.Seats.Board;
using Outreach.Worker.Seats.Booking;

namespace Outreach.Dashboard.Seats;

/// <summary>One event's seats: who registered, was offered, waits, checked in (masked); capacity, closing and reopening.</summary>
public sealed class SeatEventModel(SeatBoard board, SeatControls controls, LibraryTime time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long EventId { get; set; }

    [BindProperty]
    [Range(0, 100_000, ErrorMessage = "名额须在 0 到 100000 之间。")]
    public int Capacity { get; set; }

    public SeatEventRow Event { get; private set; } = null!;

    public IReadOnlyList<SeatPlaceRow> Places { get; private set; } = [];

    public string? Message { get; private set; }

    public bool CanOperate => User.CanOperate();

    public LibraryTime Time => time;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public Task<IActionResult> OnPostCapacityAsync(CancellationToken cancellationToken) =>
        ActAsync(staff => controls.SetCapacityAsync(EventId, Capacity, staff, cancellationToken), "名额已更新，空出的名额已按候补顺序发出邀请。", cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken) =>
        ActAsync(staff => controls.CloseAsync(EventId, staff, cancellationToken), "报名已截止。", cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(CancellationToken cancellationToken) =>
        ActAsync(staff => controls.ReopenAsync(EventId, staff, cancellationToken), "报名已重新开放。", cancellationToken);

    public static string StatusLabel(string status) => status switch
    {
        SeatStatus.Registered => "已报名",
        SeatStatus.Offered => "待确认",
        SeatStatus.Waiting => "候补",
        SeatStatus.Cancelled => "已取消",
        SeatStatus.Expired => "邀请过期",
        _ => status,
    };

    public static string ChannelLabel(string channel) => channel switch
    {
        SeatChannel.Digest => "周报链接",
        SeatChannel.Public => "活动页面",
        SeatChannel.WalkIn => "现场",
        _ => "工作人员",
    };

    /// <summary>Operators only: a viewer's POST is refused even though the page shows a viewer no button.</summary>
    private async Task<IActionResult> ActAsync(Func<AuditActor, Task<bool>> action, string done, CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            Message = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return await ShowAsync(cancellationToken, StatusCodes.Status400BadRequest);
        }

        Message = await action(HttpContext.AuditActor()) ? done : "这个活动没有名额设置。";
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken, int status = StatusCodes.Status200OK)
    {
        if (await board.EventAsync(EventId, cancellationToken) is not { } e)
        {
            return NotFound();
        }

        Event = e;
        Capacity = e.Capacity;
        Places = await board.PlacesAsync(EventId, cancellationToken);
        Response.StatusCode = status;
        return Page();
    }
}
