using Outreach.Sandbox.Faults;

namespace Outreach.Sandbox.Communities;

/// <summary>Answers GET /api/v1/residents: a paged full snapshot without since, the changes after a cursor with it.</summary>
internal sealed class ResidentFeed(FaultInjector faults)
{
    /// <returns>The page, or null when <paramref name="since"/> is not a cursor this community issued in this run.</returns>
    public ResidentPage? Read(SimCommunity community, string? since, int limit)
    {
        if (since is null)
        {
            var truncation = faults.TryConsume(new FaultTarget(community.Code, CommunityRoutes.Residents), FaultKind.TruncatedSnapshot);
            var lastId = truncation is null ? null : community.Residents.CutAfter(truncation.Percent);
            return ReadSnapshot(community, community.Residents.ReadSnapshot(null, lastId, limit), lastId);
        }

        if (!ResidentCursor.TryDecode(since, out var cursor)
            || !string.Equals(cursor.Community, community.Code, StringComparison.OrdinalIgnoreCase)
            || cursor.Epoch != community.Epoch
            || cursor.Version > community.Residents.Version)
        {
            return null;
        }

        if (cursor.Kind == ResidentCursor.Snapshot)
        {
            var slice = community.Residents.ReadSnapshot(cursor.AfterId, cursor.LastId, limit);
            return ReadSnapshot(community, slice with { Version = cursor.Version }, cursor.LastId);
        }

        var changes = community.Residents.ReadChanges(cursor.Version, cursor.UpTo, limit);
        var next = changes.NextAfterVersion is { } after
            ? Changes(community, after, changes.UpTo).Encode()
            : null;
        return new ResidentPage(changes.Residents, next, Changes(community, changes.UpTo, upTo: null).Encode());
    }

    // The run's cursor is the version at its first page: whatever changes while the hub pages on comes again next run.
    private static ResidentPage ReadSnapshot(SimCommunity community, SnapshotSlice slice, string? lastId)
    {
        var next = slice.NextAfterId is { } afterId
            ? new ResidentCursor(community.Code, community.Epoch, ResidentCursor.Snapshot, slice.Version, afterId, lastId).Encode()
            : null;
        return new ResidentPage(slice.Residents, next, Changes(community, slice.Version, upTo: null).Encode());
    }

    private static ResidentCursor Changes(SimCommunity community, long after, long? upTo) =>
        new(community.Code, community.Epoch, ResidentCursor.Changes, after, UpTo: upTo);
}
