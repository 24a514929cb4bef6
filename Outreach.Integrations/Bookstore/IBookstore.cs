namespace Outreach.Integrations.Bookstore;

/// <summary>The port to the bookstore branch's order API (v1): push orders, read the fulfilment feed.</summary>
public interface IBookstore
{
    /// <summary>
    /// Pushes one order with its <c>order_ref</c> as the idempotency key: pushing the same order again is safe and
    /// answers with the order the bookstore already holds.
    /// </summary>
    /// <returns>The bookstore's answer: created, already held, rejected (422, final) or not accepted (409, 400).</returns>
    /// <exception cref="BookstoreException">The bookstore could not be used: unreachable, failing after retries, circuit open, or refusing the hub's token.</exception>
    Task<PushResult> PushOrderAsync(BookstoreOrder order, CancellationToken cancellationToken);

    /// <summary>The changes after <paramref name="afterSeq"/>, in <c>seq</c> order, at most a page (Outreach:Bookstore:ChangesPageSize).</summary>
    /// <exception cref="BookstoreException">As for <see cref="PushOrderAsync"/>, or an unreadable page.</exception>
    Task<ChangesPage> GetChangesAsync(long afterSeq, CancellationToken cancellationToken);
}
