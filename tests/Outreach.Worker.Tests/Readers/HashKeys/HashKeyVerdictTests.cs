using Outreach.Worker.Readers.HashKeys;

namespace Outreach.Worker.Tests.Readers.HashKeys;

public sealed class HashKeyVerdictTests
{
    private static readonly byte[] A = Fingerprint(0xA);
    private static readonly byte[] B = Fingerprint(0xB);
    private static readonly byte[] C = Fingerprint(0xC);

    [Fact]
    public void A_registry_without_a_recorded_key_records_this_hosts_key() =>
        Assert.IsType<HashKeyVerdict.Record>(HashKeyVerdict.Decide([], A, null, registryHoldsHashes: true));

    [Fact]
    public void The_recorded_key_syncs() =>
        Assert.Equal(new HashKeyVerdict.Ready(1, null), HashKeyVerdict.Decide([Key(1, A)], A, null, registryHoldsHashes: true));

    [Fact]
    public void Another_key_is_refused_with_both_fingerprints_and_what_to_configure()
    {
        var refused = Assert.IsType<HashKeyVerdict.Refused>(HashKeyVerdict.Decide([Key(1, A)], B, null, registryHoldsHashes: true));

        Assert.Contains("were made with another key (fingerprint 0a0a0a0a0a0a0a0a)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("this host's Outreach:PersonalData:HashKey (fingerprint 0b0b0b0b0b0b0b0b)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("set Outreach:PersonalData:PreviousHashKey to that old key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_key_on_a_registry_without_hashes_orphans_nothing_and_is_recorded() =>
        Assert.IsType<HashKeyVerdict.Record>(HashKeyVerdict.Decide([Key(1, A)], B, null, registryHoldsHashes: false));

    [Fact]
    public void A_new_key_with_the_recorded_one_as_previous_begins_a_rotation() =>
        Assert.Equal(new HashKeyVerdict.BeginRotation(1), HashKeyVerdict.Decide([Key(1, A)], B, A, registryHoldsHashes: true));

    [Fact]
    public void During_a_rotation_the_new_key_syncs_and_matches_under_the_previous_one_too() =>
        Assert.Equal(new HashKeyVerdict.Ready(2, 1), HashKeyVerdict.Decide([Key(1, A), Key(2, B)], B, A, registryHoldsHashes: true));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void During_a_rotation_the_new_key_without_the_old_one_as_previous_is_refused(bool anotherPrevious)
    {
        var refused = Assert.IsType<HashKeyVerdict.Refused>(
            HashKeyVerdict.Decide([Key(1, A), Key(2, B)], B, anotherPrevious ? C : null, registryHoldsHashes: true));

        Assert.Contains("is not finished", refused.Message, StringComparison.Ordinal);
        Assert.Contains("finish-key-rotation", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void During_a_rotation_a_host_still_on_the_old_key_is_refused()
    {
        var refused = Assert.IsType<HashKeyVerdict.Refused>(HashKeyVerdict.Decide([Key(1, A), Key(2, B)], A, null, registryHoldsHashes: true));

        Assert.Contains("is the old one", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotating_again_before_the_last_rotation_finished_is_refused() =>
        Assert.IsType<HashKeyVerdict.Refused>(HashKeyVerdict.Decide([Key(1, A), Key(2, B)], C, B, registryHoldsHashes: true));

    private static RecordedHashKey Key(short id, byte[] fingerprint) => new(id, fingerprint, null, null);

    private static byte[] Fingerprint(byte value) => Enumerable.Repeat(value, 32).ToArray();
}
