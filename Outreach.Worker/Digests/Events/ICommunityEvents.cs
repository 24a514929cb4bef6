namespace Outreach.Worker.Digests.Events;

/// <summary>The events a community's residents are invited to, as a digest reads them.</summary>
public interface ICommunityEvents
{
    /// <summary>The community's events (and those for every community) starting in [startsFrom, startsBefore), not cancelled, by start.</summary>
    Task<IReadOnlyList<LibraryEvent>> ForCommunityAsync(string community, DateTimeOffset startsFrom, DateTimeOffset startsBefore, CancellationToken cancellationToken);
}
