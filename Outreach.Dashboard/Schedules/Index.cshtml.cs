using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hangfire;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Scheduling;

namespace Outreach.Dashboard.Schedules;

public sealed class SchedulesModel(ScheduleBoard board, ScheduleRunner runner, LibraryTime time, IStringLocalizer<ScheduleText> text) : PageModel
{
    public const int NextFireCount = 3;

    public IReadOnlyList<ScheduleView> Schedules { get; private set; } = [];

    public LibraryTime Time => time;

    public bool CanOperate => User.CanOperate();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Schedules = await board.ListAsync(NextFireCount, cancellationToken);

    /// <summary>Operators only: a viewer's POST is refused even though the page shows a viewer no button.</summary>
    public async Task<IActionResult> OnPostRunNowAsync(string name, CancellationToken cancellationToken)
    {
        if (!User.CanOperate())
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return BadRequest(text["SayWhichSchedule"].Value);
        }

        var jobId = await runner.RunNowAsync(name, HttpContext.AuditActor(), cancellationToken);
        return jobId is null ? NotFound() : Redirect("~" + HangfireDashboard.JobDetails(jobId));
    }
}
