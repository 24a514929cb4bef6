namespace Outreach.Sandbox.Mail;

/// <summary>Every message the sandbox's SMTP server accepted, in arrival order.</summary>
public sealed class MailCatcher(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly List<CaughtMessage> _messages = [];
    private readonly List<Waiter> _waiters = [];
    private long _lastId;

    public IReadOnlyList<CaughtMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public CaughtMessage? Find(long id)
    {
        lock (_gate)
        {
            return _messages.Find(m => m.Id == id);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _messages.Clear();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages are held and returns them all.</summary>
    /// <exception cref="TimeoutException">Fewer arrived within <paramref name="timeout"/>.</exception>
    public async Task<IReadOnlyList<CaughtMessage>> WaitForCountAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var waiter = new Waiter(count);
        lock (_gate)
        {
            if (_messages.Count >= count)
            {
                return [.. _messages];
            }

            _waiters.Add(waiter);
        }

        try
        {
            await waiter.Signal.Task.WaitAsync(timeout, timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Expected {count} messages within {timeout}; the catcher holds {Messages.Count}.");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }

        return Messages;
    }

    internal CaughtMessage Add(string from, IReadOnlyList<string> to, byte[] raw)
    {
        lock (_gate)
        {
            var message = new CaughtMessage(++_lastId, from, to, timeProvider.GetUtcNow(), raw);
            _messages.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Count <= _messages.Count))
            {
                waiter.Signal.TrySetResult();
            }

            return message;
        }
    }

    private sealed class Waiter(int count)
    {
        public int Count { get; } = count;

        public TaskCompletionSource Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
