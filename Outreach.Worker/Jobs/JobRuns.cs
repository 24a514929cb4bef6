using Microsoft.Extensions.Logging;
using Outreach.Integrations.Logging;

namespace Outreach.Worker.Jobs;

/// <summary>
/// Where every run begins. <see cref="RunAsync{T}"/> runs a job's body inside a <see cref="RunScope"/>: what the body
/// throws ends the run as <see cref="RunFailures"/> decides, and leaves for Hangfire as what it decided: a permanent
/// failure as a <see cref="PermanentJobFailureException"/> carrying the run's message (the retry filter's one type),
/// anything else as it was thrown, so Hangfire retries it.
/// </summary>
public sealed partial class JobRuns(IRunLog log, ILogger<JobRuns> logger)
{
    /// <summary>Starts a run row; the scope ends it. For jobs that need the scope outside <see cref="RunAsync{T}"/>.</summary>
    public async Task<RunScope> BeginAsync(RunSubject subject, CancellationToken cancellationToken) =>
        new(log, subject, await log.StartAsync(subject.Job, subject.Scope, cancellationToken), cancellationToken);

    public async Task<T> RunAsync<T>(RunSubject subject, Func<RunScope, Task<T>> body, CancellationToken cancellationToken)
    {
        await using var run = await BeginAsync(subject, cancellationToken);
        try
        {
            return await body(run);
        }
        catch (Exception failure)
        {
            var verdict = await run.FailAsync(failure);
            Log.RunEnded(logger, subject.Job, subject.Scope, run.Id, verdict.Status, verdict.Message);
            if (verdict.Permanent && failure.GetType() != typeof(PermanentJobFailureException))
            {
                throw new PermanentJobFailureException(verdict.Said, failure);
            }

            throw;
        }
    }

    public Task RunAsync(RunSubject subject, Func<RunScope, Task> body, CancellationToken cancellationToken) =>
        RunAsync(subject, async run =>
        {
            await body(run);
            return true;
        }, cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Jobs + 11, Level = LogLevel.Warning, Message = "Run {RunId} of {Job} {Scope} ended {Status}: {Reason}")]
        public static partial void RunEnded(ILogger logger, string job, string scope, long runId, RunStatus status, string reason);
    }
}
