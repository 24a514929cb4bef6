using Outreach.Worker.Messages;

namespace Outreach.Worker.Jobs;

/// <summary>
/// How a run that did not succeed ends: its status and message on the runs page, the counts to record when the failure
/// brings its own (a refusal), and whether retrying can help (else Hangfire sends the job straight to Failed).
/// </summary>
public sealed record RunFailure(RunStatus Status, StaffMessage Said, bool Permanent, IReadOnlyDictionary<string, long>? Counts = null)
{
    /// <summary>The message in English, as the logs and Hangfire's exception show it.</summary>
    public string Message => Said.English;
}
