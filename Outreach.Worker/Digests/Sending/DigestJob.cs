using System.ComponentModel;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Communities;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Digests.Sending;

/// <summary>The digest as Hangfire, schedules and the CLI run it: one community, or every configured community, for an ISO week.</summary>
public sealed class DigestJob(DigestRun run, LibraryCalendar calendar, IOptionsMonitor<CommunitiesOptions> communities)
{
    [DisplayName("Digest {0} {1}")]
    public Task RunAsync(string community, string? week, CancellationToken cancellationToken) =>
        run.RunAsync(community, Week(week), cancellationToken);

    /// <summary>Every community in turn; one community's failure does not stop the others, and the job fails naming them.</summary>
    [DisplayName("Digest, all communities {0}")]
    public async Task RunAllAsync(string? week, CancellationToken cancellationToken)
    {
        var isoWeek = Week(week);
        var failures = new List<string>();
        var retry = false;
        foreach (var code in communities.CurrentValue.Communities.Keys.Order(StringComparer.Ordinal))
        {
            try
            {
                await run.RunAsync(code, isoWeek, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                retry |= failure is not PermanentJobFailureException;
                failures.Add($"{code}: {failure.Message}");
            }
        }

        if (failures.Count > 0)
        {
            var message = $"Digest {isoWeek} failed for {failures.Count} communit(ies): {string.Join(" | ", failures)}";
            throw retry ? new InvalidOperationException(message) : new PermanentJobFailureException(message);
        }
    }

    private IsoWeek Week(string? week) =>
        week is null ? calendar.ThisWeek
        : IsoWeek.TryParse(week, out var parsed) ? parsed
        : throw new PermanentJobFailureException($"'{week}' is not an ISO week; write it like 2026-W48.");
}
