using Npgsql;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Jobs;

/// <summary>Where runs are written (<see cref="JobRunLog"/>): the one port of <see cref="RunScope"/>.</summary>
public interface IRunLog
{
    Task<long> StartAsync(string job, string scope, CancellationToken cancellationToken);

    Task ProgressAsync(long runId, int? percent, IReadOnlyDictionary<string, long> counts, CancellationToken cancellationToken);

    Task FinishAsync(long runId, RunStatus status, IReadOnlyDictionary<string, long> counts, StaffMessage? message, CancellationToken cancellationToken,
        NpgsqlTransaction? transaction = null);

    /// <summary>Ends a run that is still running (one whose end was not committed); false when it had already ended.</summary>
    Task<bool> FinishIfRunningAsync(long runId, RunStatus status, IReadOnlyDictionary<string, long> counts, StaffMessage? message,
        CancellationToken cancellationToken);
}
