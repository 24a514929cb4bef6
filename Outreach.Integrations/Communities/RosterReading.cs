using System.Runtime.CompilerServices;

namespace Outreach.Integrations.Communities;

/// <summary>
/// One roster opened for a sync run. Rows stream: a roster of a million residents is never held in memory.
/// Read it once, commit the run, then <see cref="AcknowledgeAsync"/> it.
/// </summary>
public abstract class RosterReading : IAsyncDisposable
{
    private int _readStarted;
    private bool _readToEnd;

    /// <summary>True when the roster lists every resident, so that residents missing from it are withdrawn.</summary>
    public abstract bool IsFullSnapshot { get; }

    /// <summary>Where the rows come from: the file name, or "rest".</summary>
    public abstract string Source { get; }

    /// <summary>The cursor to store for the next incremental run, known once the rows were read to the end; null for file drops.</summary>
    public virtual string? NextCursor => null;

    public async IAsyncEnumerable<ResidentRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _readStarted, 1) == 1)
            throw new InvalidOperationException($"The roster from {Source} can be read only once.");

        await foreach (var row in ReadRowsAsync(cancellationToken))
            yield return row;
        _readToEnd = true;
    }

    /// <summary>Marks the roster as done, after the caller's run has committed (a file drop moves the file to processed/).</summary>
    public Task AcknowledgeAsync(CancellationToken cancellationToken)
    {
        if (!_readToEnd)
            throw new InvalidOperationException($"The roster from {Source} was not read to the end; a run that did not finish must not acknowledge it.");
        return OnAcknowledgeAsync(cancellationToken);
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected abstract IAsyncEnumerable<ResidentRow> ReadRowsAsync(CancellationToken cancellationToken);

    protected abstract Task OnAcknowledgeAsync(CancellationToken cancellationToken);
}
