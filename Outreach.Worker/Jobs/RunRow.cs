using Outreach.Worker.Messages;

namespace Outreach.Worker.Jobs;

/// <summary>One row of outreach.job_runs as the runs page shows it.</summary>
public sealed record RunRow(
    long Id,
    string Job,
    string Scope,
    string? HangfireJobId,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string Status,
    IReadOnlyList<KeyValuePair<string, string>> Counts,
    int? Progress,
    StoredMessage? Message)
{
    /// <summary>How long the run took, or has been running so far.</summary>
    public TimeSpan Duration(DateTimeOffset now) => (FinishedAt ?? now) - StartedAt;
}

/// <summary>A page of runs, newest first.</summary>
public sealed record RunPage(IReadOnlyList<RunRow> Rows, int Page, bool HasNext);

/// <summary>Which runs to show: by job and status (both optional), which page (from 1).</summary>
public sealed record RunFilter(string? Job, string? Status, int Page);
