using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Events;

namespace Outreach.Dashboard.Digests;

/// <summary>The programme's events from a week ago to two months ahead, cancelled ones included.</summary>
public sealed class EventsModel(EventStore events, LibraryCalendar calendar, LibraryTime time) : PageModel
{
    public IReadOnlyList<LibraryEvent> Events { get; private set; } = [];

    public LibraryTime Time => time;

    public bool CanOperate => User.CanOperate();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = calendar.StartOf(calendar.Today);
        Events = await events.ListAsync(today.AddDays(-7), today.AddDays(60), includeCancelled: true, cancellationToken);
    }
}
