using Npgsql;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Jobs;

/// <summary>
/// One run of a job, from its row's start to its end: progress and the counts so far as the job goes, success (with the
/// run's own transaction when its changes and its row must commit together), or how it failed. A scope disposed without
/// an end records the run as failed, or cancelled, with the counts so far, so no row is left 'running' by a job that
/// stopped. Begin one with <see cref="JobRuns"/>.
/// </summary>
public sealed class RunScope : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, long> NoCounts = new Dictionary<string, long>();

    private readonly IRunLog _log;
    private readonly CancellationToken _cancellation;
    private Func<IReadOnlyDictionary<string, long>>? _counter;
    private IReadOnlyDictionary<string, long> _counts = NoCounts;
    private Exception? _expectedOutcome;
    private bool _ended;

    internal RunScope(IRunLog log, RunSubject subject, long id, CancellationToken cancellation)
    {
        _log = log;
        _cancellation = cancellation;
        Subject = subject;
        Id = id;
    }

    /// <summary>The run row's id (what the run's own rows point back to).</summary>
    public long Id { get; }

    public RunSubject Subject { get; }

    /// <summary>What the run has done so far: what a failure records.</summary>
    public IReadOnlyDictionary<string, long> Counts => _counter?.Invoke() ?? _counts;

    /// <summary>Reads the counts so far from the job's own tally from now on.</summary>
    public void CountWith(Func<IReadOnlyDictionary<string, long>> counter) => _counter = counter;

    /// <summary>Shows a long run's progress with the counts so far: a percentage when the total is known.</summary>
    public Task ProgressAsync(int? percent, CancellationToken cancellationToken) => ProgressAsync(percent, Counts, cancellationToken);

    public Task ProgressAsync(int? percent, IReadOnlyDictionary<string, long> counts, CancellationToken cancellationToken)
    {
        _counts = counts;
        return _log.ProgressAsync(Id, percent, counts, cancellationToken);
    }

    /// <summary>
    /// Ends the run as succeeded. With <paramref name="transaction"/> the row commits with the run's changes; should the
    /// commit not happen, the run is failed when the scope ends.
    /// </summary>
    public async Task SucceedAsync(IReadOnlyDictionary<string, long> counts, StaffMessage? message, CancellationToken cancellationToken,
        NpgsqlTransaction? transaction = null)
    {
        _counts = counts;
        await _log.FinishAsync(Id, RunStatus.Succeeded, counts, message, cancellationToken, transaction);
        _ended = transaction is null;
    }

    /// <summary>
    /// Marks <paramref name="outcome"/> as an outcome the job expected (relay deferrals, orders to retry): thrown, it
    /// ends the run as failed with its message as staff read it and the counts so far, and Hangfire retries the job.
    /// </summary>
    public TException Incomplete<TException>(TException outcome)
        where TException : Exception
    {
        _expectedOutcome = outcome;
        return outcome;
    }

    /// <summary>Ends the run with what <paramref name="failure"/> means (<see cref="RunFailures"/>); returns that.</summary>
    public async Task<RunFailure> FailAsync(Exception failure)
    {
        var verdict = RunFailures.Classify(failure, Subject, ReferenceEquals(failure, _expectedOutcome));
        _ended = true;
        // Recorded even while the job is being cancelled: the row must not stay 'running'.
        await _log.FinishAsync(Id, verdict.Status, verdict.Counts ?? Counts, verdict.Said, CancellationToken.None);
        return verdict;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        var message = _cancellation.IsCancellationRequested ? RunFailures.Cancelled(Subject) : StaffMessage.Of("Run.NoOutcome", $"The run stopped without an outcome.");
        await _log.FinishIfRunningAsync(Id, RunStatus.Failed, Counts, message, CancellationToken.None);
    }
}
