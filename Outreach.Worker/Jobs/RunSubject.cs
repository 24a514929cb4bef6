using Outreach.Worker.Messages;

namespace Outreach.Worker.Jobs;

/// <summary>
/// A run as the runs page names it (its job and scope, e.g. "sync" of "GL03") and what staff read when it stops early.
/// </summary>
public sealed record RunSubject(string Job, string Scope)
{
    /// <summary>What becomes of the work when the run is cancelled, e.g. "the retry starts over".</summary>
    public StaffMessage IfCancelled { get; init; } = StaffMessage.Of("Cancelled.RetryStartsOver", $"the retry starts over");

    /// <summary>Put before the reason of a failure when the scope alone does not say what failed, e.g. a file's name.</summary>
    public StaffMessage? FailureContext { get; init; }
}
