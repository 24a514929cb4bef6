using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Outreach.Worker.Readers.Sync;

/// <summary>
/// Keeps a 64-bit fingerprint of every accepted row's resident id and ID-number hash while a roster streams by, so that
/// the applier can skip its duplicate search when the roster certainly has none (the usual case). A fingerprint met twice
/// only says "maybe": the applier then looks for duplicates exactly, in SQL. One sorted array holds both kinds (a
/// resident's fingerprint meeting an ID number's is just another rare "maybe"): 16 bytes per row, no hash table.
/// </summary>
internal sealed class DuplicateScreen
{
    private const long IdNumberSalt = 0x5bd1e9955bd1e995;

    private readonly List<long> _fingerprints = [];

    public void Add(string residentId, byte[]? idHash)
    {
        _fingerprints.Add(Fingerprint(residentId));
        // The ID-number hash is a keyed HMAC: any eight of its bytes are already a uniform fingerprint.
        if (idHash is not null)
            _fingerprints.Add(BinaryPrimitives.ReadInt64LittleEndian(idHash) ^ IdNumberSalt);
    }

    /// <summary>False when no two fingerprints are equal, so no two rows share a resident id or an ID number.</summary>
    public bool MayHaveDuplicates()
    {
        var sorted = CollectionsMarshal.AsSpan(_fingerprints);
        sorted.Sort();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1])
                return true;
        }

        return false;
    }

    // FNV-1a over the UTF-16 code units: fast, and collisions at a million rows are a few in a hundred million.
    private static long Fingerprint(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var unit in MemoryMarshal.AsBytes(value.AsSpan()))
        {
            hash ^= unit;
            hash *= 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
