using Microsoft.Extensions.Options;
using Outreach.Integrations.PersonalData;

namespace Outreach.Integrations.Tests.PersonalData;

public class PersonalDataHasherTests
{
    private static PersonalDataHasher HasherWithKey(string key) => new(Options.Create(new PersonalDataOptions { HashKey = key }));

    [Fact]
    public void Same_number_gives_the_same_32_byte_hash()
    {
        var hasher = HasherWithKey(TestServices.HashKey);

        var first = hasher.Hash("11010519491231002X");

        Assert.Equal(32, first.Length);
        Assert.Equal(first, hasher.Hash("11010519491231002X"));
        Assert.NotEqual(first, hasher.Hash("330203199001011236"));
    }

    [Fact]
    public void Another_key_gives_another_hash() =>
        Assert.NotEqual(
            HasherWithKey(TestServices.HashKey).Hash("11010519491231002X"),
            HasherWithKey(TestServices.HashKey + "!").Hash("11010519491231002X"));

    [Fact]
    public void Base64_key_of_32_bytes_is_accepted()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

        Assert.Equal(32, HasherWithKey(key).Hash("x").Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short-a-passphrase")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhM=")]
    public void Missing_or_weak_key_fails_validation_naming_the_key(string? key)
    {
        var result = new PersonalDataOptionsValidator().Validate(null, new PersonalDataOptions { HashKey = key });

        Assert.True(result.Failed);
        Assert.StartsWith("Outreach:PersonalData:HashKey is required", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fingerprint_tells_keys_apart()
    {
        var hasher = HasherWithKey(TestServices.HashKey);

        Assert.Equal(hasher.Fingerprint, HasherWithKey(TestServices.HashKey).Fingerprint);
        Assert.NotEqual(hasher.Fingerprint, HasherWithKey(TestServices.HashKey + "!").Fingerprint);
        Assert.Equal(16, PersonalDataHasher.Show(hasher.Fingerprint).Length);
    }

    [Fact]
    public void With_a_previous_key_the_hasher_also_hashes_as_the_previous_key_did()
    {
        var rotating = new PersonalDataHasher(Options.Create(new PersonalDataOptions { HashKey = TestServices.HashKey + "!", PreviousHashKey = TestServices.HashKey }));

        Assert.Equal(HasherWithKey(TestServices.HashKey).Hash("11010519491231002X"), rotating.HashWithPreviousKey("11010519491231002X"));
        Assert.Equal(HasherWithKey(TestServices.HashKey).Fingerprint, rotating.PreviousFingerprint);
        Assert.Null(HasherWithKey(TestServices.HashKey).HashWithPreviousKey("11010519491231002X"));
    }

    [Theory]
    [InlineData("too-short-a-passphrase", "must be the old hash key")]
    [InlineData(TestServices.HashKey, "is the same key as Outreach:PersonalData:HashKey")]
    public void A_previous_key_that_is_weak_or_the_current_one_fails_validation_naming_the_key(string previous, string expected)
    {
        var result = new PersonalDataOptionsValidator().Validate(null, new PersonalDataOptions { HashKey = TestServices.HashKey, PreviousHashKey = previous });

        Assert.True(result.Failed);
        Assert.StartsWith("Outreach:PersonalData:PreviousHashKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phones_hash_is_keyed_and_never_the_hash_of_the_same_digits_as_an_id_number()
    {
        using var hasher = new PersonalDataHasher(Options.Create(new PersonalDataOptions { HashKey = TestServices.HashKey }));
        using var rotating = new PersonalDataHasher(Options.Create(new PersonalDataOptions { HashKey = TestServices.HashKey + "!", PreviousHashKey = TestServices.HashKey }));

        Assert.Equal(hasher.HashPhone("13812345678"), hasher.HashPhone("13812345678"));
        Assert.NotEqual(hasher.Hash("13812345678"), hasher.HashPhone("13812345678"));
        Assert.NotEqual(hasher.HashPhone("13812345678"), rotating.HashPhone("13812345678"));
        Assert.Equal(hasher.HashPhone("13812345678"), rotating.HashPhoneWithPreviousKey("13812345678"));
        Assert.Null(hasher.HashPhoneWithPreviousKey("13812345678"));
    }

    [Fact]
    public void Options_never_show_the_key() =>
        Assert.DoesNotContain(TestServices.HashKey, new PersonalDataOptions { HashKey = TestServices.HashKey }.ToString(), StringComparison.Ordinal);
}
