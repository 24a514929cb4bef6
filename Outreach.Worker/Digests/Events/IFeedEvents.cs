namespace Outreach.Worker.Digests.Events;

/// <summary>The events a calendar feed brought in, as the events-import job replaces them.</summary>
public interface IFeedEvents
{
    /// <summary>
    /// Makes the events of one feed exactly <paramref name="occurrences"/> within [windowStart, windowEnd): new ones inserted, changed ones
    /// updated, vanished ones cancelled. Returns (inserted, updated, cancelled).
    /// </summary>
    Task<(long Inserted, long Updated, long Cancelled)> ReplaceFeedAsync(string source, IReadOnlyList<(string ExternalId, EventDraft Draft)> occurrences,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken);
}
