using Outreach.Integrations.PersonalData;

namespace Outreach.Worker.Readers.HashKeys;

/// <summary>A key the registry has recorded and not retired, with what the last sync counted of the hashes it still made.</summary>
public sealed record RecordedHashKey(short Id, byte[] Fingerprint, long? HashesRemaining, DateTimeOffset? CountedAt);

/// <summary>
/// Whether this host may sync with its configured keys, given the keys the registry's hashes were made with, and what to
/// record first. Decided from fingerprints only; the message says what to configure.
/// </summary>
public abstract record HashKeyVerdict
{
    private const string Key = PersonalDataOptions.HashKeyPath;
    private const string Previous = PersonalDataOptions.PreviousHashKeyPath;
    private const string HowTo = "see README, Operations, \"Rotating the ID-number hash key\"";

    private HashKeyVerdict()
    {
    }

    /// <summary>Syncs may run: new hashes are made with the key <c>CurrentId</c>; while rotating, <c>PreviousId</c>'s are still matched.</summary>
    public sealed record Ready(short CurrentId, short? PreviousId) : HashKeyVerdict;

    /// <summary>Nothing recorded yet, or the registry holds no hash for a new key to orphan: record the configured key.</summary>
    public sealed record Record : HashKeyVerdict;

    /// <summary>The registry is on the configured previous key: record the new one, and rewrite hashes as residents arrive.</summary>
    public sealed record BeginRotation(short PreviousId) : HashKeyVerdict;

    /// <summary>Syncing with this configuration would orphan the registry's hashes.</summary>
    public sealed record Refused(string Message) : HashKeyVerdict;

    /// <param name="active">The registry's keys not retired, oldest first.</param>
    /// <param name="current">The fingerprint of this host's hash key.</param>
    /// <param name="previous">The fingerprint of this host's previous hash key, when one is configured.</param>
    /// <param name="registryHoldsHashes">Whether any reader has an ID-number hash.</param>
    public static HashKeyVerdict Decide(IReadOnlyList<RecordedHashKey> active, byte[] current, byte[]? previous, bool registryHoldsHashes)
    {
        if (active.Count == 0)
        {
            return new Record();
        }

        var mine = active.FirstOrDefault(k => Same(k.Fingerprint, current));
        var newest = active[^1];
        if (mine is not null && active.Count == 1)
        {
            return new Ready(mine.Id, null);
        }

        if (mine is not null && mine == newest && active.Count == 2)
        {
            var old = active[0];
            return previous is not null && Same(old.Fingerprint, previous)
                ? new Ready(mine.Id, old.Id)
                : new Refused($"A rotation of the ID-number hash key from the key with fingerprint {Show(old)} to this host's {Key} (fingerprint " +
                    $"{Show(current)}) is not finished, and this host has {(previous is null ? "no" : "another")} {Previous}. Residents hashed under the old " +
                    $"key could not be matched, so roster syncs are refused and nothing was changed. Set {Previous} to the old key on every host, " +
                    $"or finish the rotation (Outreach.Worker finish-key-rotation); {HowTo}.");
        }

        if (!registryHoldsHashes)
        {
            return new Record();
        }

        if (active.Count == 1 && previous is not null && Same(newest.Fingerprint, previous))
        {
            return new BeginRotation(newest.Id);
        }

        if (active.Count >= 2)
        {
            return new Refused($"The registry's ID-number hashes are being rotated from the key with fingerprint {Show(active[0])} to the key with " +
                $"fingerprint {Show(newest)}, and this host's {Key} (fingerprint {Show(current)}) is {(mine is null ? "neither" : "the old one")}. " +
                $"Roster syncs are refused and nothing was changed. Give every host {Key} = the new key and {Previous} = the old key; {HowTo}.");
        }

        return new Refused($"The reader registry's ID-number hashes were made with another key (fingerprint {Show(newest)}) than this host's {Key} " +
            $"(fingerprint {Show(current)}). With this key no resident could be matched to their reader record, so roster syncs are refused and " +
            $"nothing was changed. Set {Key} back to the key that made them; to change the key, set {Previous} to that old key and {Key} to the " +
            $"new one, and the hashes are rewritten as residents arrive in rosters; {HowTo}.");
    }

    private static bool Same(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);

    private static string Show(RecordedHashKey key) => Show(key.Fingerprint);

    private static string Show(byte[] fingerprint) => PersonalDataHasher.Show(fingerprint);
}
