using System.Threading.Channels;

namespace Outreach.Worker.Digests.Sending;

/// <summary>
/// Writes the outcomes of a run's copies to the ledger as they come, every <see cref="FlushInterval"/> at most, each write
/// taking everything that arrived meanwhile: the sending lanes never wait on the database, and an acceptance is on record
/// within a few milliseconds. A copy whose record a hard crash lost stays 'sending' and is shown to staff: never sent twice.
/// </summary>
internal sealed class DeliveryRecorder
{
    private const int MaxBatch = 1000;

    /// <summary>How long outcomes may gather before they are written: a few milliseconds keep hundreds of writes a second off the database.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(10);

    private readonly DeliveryLedger _ledger;
    private readonly long _digestId;
    private readonly Channel<Outcome> _outcomes = Channel.CreateUnbounded<Outcome>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writing;

    public DeliveryRecorder(DeliveryLedger ledger, long digestId)
    {
        _ledger = ledger;
        _digestId = digestId;
        _writing = Task.Run(WriteAsync);
    }

    public void Add(long readerId, OutcomeKind kind, string reply) => _outcomes.Writer.TryWrite(new Outcome(readerId, kind, reply));

    /// <summary>Writes what is left and stops; rethrows a failure of the writer.</summary>
    public async Task CompleteAsync()
    {
        _outcomes.Writer.TryComplete();
        await _writing;
    }

    private async Task WriteAsync()
    {
        var batch = new List<Outcome>(MaxBatch);
        while (await _outcomes.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _outcomes.Reader.TryRead(out var outcome))
                batch.Add(outcome);
            await _ledger.RecordAsync(_digestId, batch);
            batch.Clear();
            if (!_outcomes.Reader.Completion.IsCompleted)
                await Task.Delay(FlushInterval, CancellationToken.None);
        }
    }
}
