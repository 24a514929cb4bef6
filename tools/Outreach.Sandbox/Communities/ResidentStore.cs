namespace Outreach.Sandbox.Communities;

/// <summary>
/// One community's residents with a change sequence: every write takes the next number, so "what changed after
/// version V" is a range of the change log. Reads copy out under the lock; pages seek by binary search so that
/// paging a large roster stays linear overall.
/// </summary>
internal sealed class ResidentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly List<Change> _log = [];
    private string[]? _sortedIds;
    private long _version;

    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Replaces the roster; every resident counts as changed, so incremental readers see all of them again.</summary>
    public void ReplaceAll(IEnumerable<SimResident> residents)
    {
        lock (_gate)
        {
            _entries.Clear();
            foreach (var resident in residents)
            {
                Write(resident);
            }

            _sortedIds = null;
        }
    }

    public void Upsert(SimResident resident)
    {
        lock (_gate)
        {
            if (!_entries.ContainsKey(resident.ResidentId))
            {
                _sortedIds = null;
            }

            Write(resident);
        }
    }

    /// <summary>Deletes outright, as a system that forgets people does: gone from snapshots, never reported as a change.</summary>
    public bool Remove(string residentId)
    {
        lock (_gate)
        {
            if (!_entries.Remove(residentId))
            {
                return false;
            }

            _sortedIds = null;
            return true;
        }
    }

    public SimResident? Get(string residentId)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(residentId, out var entry) ? entry.Resident : null;
        }
    }

    public bool Contains(string residentId)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(residentId);
        }
    }

    public IReadOnlyList<SimResident> All()
    {
        lock (_gate)
        {
            return [.. SortedIds().Select(id => _entries[id].Resident)];
        }
    }

    /// <summary>The resident_id of the last resident kept when only the first <paramref name="percent"/>% are served; "" keeps none.</summary>
    public string CutAfter(int percent)
    {
        lock (_gate)
        {
            var ids = SortedIds();
            var kept = (int)((long)ids.Length * percent / 100);
            return kept == 0 ? "" : ids[kept - 1];
        }
    }

    /// <summary>Residents in resident_id order after <paramref name="afterId"/> and up to <paramref name="lastId"/> (inclusive).</summary>
    public SnapshotSlice ReadSnapshot(string? afterId, string? lastId, int limit)
    {
        lock (_gate)
        {
            var ids = SortedIds();
            var start = afterId is null ? 0 : UpperBound(ids, afterId);
            var end = lastId is null ? ids.Length : UpperBound(ids, lastId);
            var take = Math.Max(0, Math.Min(limit, end - start));
            var page = new SimResident[take];
            for (var i = 0; i < take; i++)
            {
                page[i] = _entries[ids[start + i]].Resident;
            }

            var more = start + take < end;
            return new SnapshotSlice(page, more ? ids[start + take - 1] : null, _version);
        }
    }

    /// <summary>Residents whose latest change lies in (<paramref name="afterVersion"/>, <paramref name="upTo"/>], in change order.</summary>
    public ChangesSlice ReadChanges(long afterVersion, long? upTo, int limit)
    {
        lock (_gate)
        {
            var bound = upTo ?? _version;
            var page = new List<SimResident>(Math.Min(limit, 1024));
            long? nextAfter = null;
            for (var i = FirstChangeAfter(afterVersion); i < _log.Count && _log[i].Version <= bound; i++)
            {
                var change = _log[i];
                if (!_entries.TryGetValue(change.ResidentId, out var entry) || entry.Version != change.Version)
                {
                    continue; // superseded by a later change or deleted
                }

                if (page.Count == limit)
                {
                    nextAfter = _log[i - 1].Version;
                    break;
                }

                page.Add(entry.Resident);
            }

            return new ChangesSlice(page, nextAfter, bound);
        }
    }

    private void Write(SimResident resident)
    {
        var version = ++_version;
        _entries[resident.ResidentId] = new Entry(resident, version);
        _log.Add(new Change(version, resident.ResidentId));
    }

    private string[] SortedIds()
    {
        if (_sortedIds is null)
        {
            _sortedIds = [.. _entries.Keys];
            Array.Sort(_sortedIds, StringComparer.Ordinal);
        }

        return _sortedIds;
    }

    private int FirstChangeAfter(long version)
    {
        int low = 0, high = _log.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_log[middle].Version <= version)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int UpperBound(string[] ids, string id)
    {
        var index = Array.BinarySearch(ids, id, StringComparer.Ordinal);
        return index >= 0 ? index + 1 : ~index;
    }

    private readonly record struct Entry(SimResident Resident, long Version);

    private readonly record struct Change(long Version, string ResidentId);
}

internal sealed record SnapshotSlice(IReadOnlyList<SimResident> Residents, string? NextAfterId, long Version);

internal sealed record ChangesSlice(IReadOnlyList<SimResident> Residents, long? NextAfterVersion, long UpTo);
