using Outreach.Integrations.Bookstore;

namespace Outreach.Worker.Orders.Push;

/// <summary>The order book as <see cref="OrderPush"/> reads and writes it.</summary>
public interface IOrderPushStore
{
    /// <summary>Holds the push for the caller until disposed: one push at a time across all workers; null when another runs.</summary>
    Task<IAsyncDisposable?> TryLockAsync(CancellationToken cancellationToken);

    Task<long> PendingCountAsync(CancellationToken cancellationToken);

    /// <summary>The next pending orders after <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<PendingOrder>> PendingAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Writes the bookstore's answer (see <see cref="PushRecorder.RecordAsync"/>); false when the order was no longer pending.</summary>
    Task<bool> RecordAsync(PendingOrder order, PushResult result, CancellationToken cancellationToken);

    /// <summary>Writes a push that did not get through (see <see cref="PushRecorder.TransientAsync"/>); the order's status now.</summary>
    Task<string?> TransientAsync(PendingOrder order, string reason, CancellationToken cancellationToken);
}
