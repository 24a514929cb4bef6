using Outreach.Integrations.Time;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Digests.Sending;

/// <summary>The digest as Hangfire, schedules and the CLI run it: one community, or every configured community, for an ISO week.</summary>
public sealed class DigestJob(DigestRun run, LibraryCalendar calendar, FanOut fanOut)
{
    public Task RunAsync(string community, string? week, CancellationToken cancellationToken) =>
        run.RunAsync(community, Week(week), cancellationToken);

    public Task RunAllAsync(string? week, CancellationToken cancellationToken)
    {
        var isoWeek = Week(week);
        return fanOut.EveryCommunityAsync($"Digest {isoWeek}", (community, token) => run.RunAsync(community, isoWeek, token), cancellationToken);
    }

    private IsoWeek Week(string? week) =>
        week is null ? calendar.ThisWeek
        : IsoWeek.TryParse(week, out var parsed) ? parsed
        : throw new PermanentJobFailureException($"'{week}' is not an ISO week; write it like 2026-W48.");
}
