namespace Outreach.Worker.Jobs;

/// <summary>
/// How a run that did not succeed ends: its status and message on the runs page, the counts to record when the failure
/// brings its own (a refusal), and whether retrying can help (else Hangfire sends the job straight to Failed).
/// </summary>
public sealed record RunFailure(RunStatus Status, string Message, bool Permanent, IReadOnlyDictionary<string, long>? Counts = null);
