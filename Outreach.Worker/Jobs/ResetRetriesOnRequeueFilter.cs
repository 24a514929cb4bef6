using Hangfire.States;

namespace Outreach.Worker.Jobs;

/// <summary>
/// Hangfire keeps a job's retry counter when staff requeue it, so a job that used up its retries would get
/// no second chance after the first new failure. A requeue from Failed, Deleted or Succeeded starts afresh.
/// </summary>
internal sealed class ResetRetriesOnRequeueFilter : IElectStateFilter
{
    private const string RetryCountParameter = "RetryCount";

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is EnqueuedState
            && (context.CurrentState == FailedState.StateName
                || context.CurrentState == DeletedState.StateName
                || context.CurrentState == SucceededState.StateName))
        {
            context.SetJobParameter(RetryCountParameter, 0);
        }
    }
}
