using Outreach.Sandbox.Faults;

namespace Outreach.Sandbox.Bookstore;

/// <summary>The bookstore's own fault rules (slow, 500, 429 and dropped connections are the generic ones with a bookstore route).</summary>
public static class BookstoreFaults
{
    /// <summary>The next <paramref name="count"/> accepted orders are stored, then their connection is aborted before the answer.</summary>
    public static FaultRule DropAfterAccept(int count = 1) =>
        new() { Kind = FaultKind.DropAfterAccept, Route = BookstoreRoutes.Orders, Count = count };

    /// <summary>
    /// Accepted orders are stored, then their answer comes <paramref name="delay"/> late (the next <paramref name="count"/>; unset:
    /// until removed): a client that dies meanwhile leaves orders the bookstore holds and the hub has not recorded.
    /// </summary>
    public static FaultRule DelayAfterAccept(TimeSpan delay, int? count = null) =>
        new() { Kind = FaultKind.DelayAfterAccept, DelayMs = (int)delay.TotalMilliseconds, Route = BookstoreRoutes.Orders, Count = count };

    /// <summary>The next <paramref name="count"/> pages of the changes feed serve every change twice.</summary>
    public static FaultRule DuplicateChanges(int count = 1) =>
        new() { Kind = FaultKind.DuplicateChanges, Route = BookstoreRoutes.Changes, Count = count };
}
