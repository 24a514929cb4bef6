using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Outreach.Integrations.PersonalData;

/// <summary>
/// Keyed hashes (HMAC-SHA256) that let the hub match a resident's ID number without storing it.
/// Callers hash the normal form (<see cref="IdNumber.TryNormalize"/>) so that equal numbers give equal hashes.
/// While the key is being rotated, the previous key hashes too, so that residents hashed under it are still matched.
/// </summary>
public sealed class PersonalDataHasher : IDisposable
{
    private const int StackLimit = 256;

    // What a key's fingerprint is the HMAC of: it identifies the key without revealing it (and is no ID number's hash).
    private static readonly byte[] FingerprintLabel = "outreach/personal-data/hash-key-fingerprint/v1"u8.ToArray();

    private const string PhoneLabel = "tel:";

    // The one-shot HMAC derives the key's inner and outer pads on every call; an instance per thread keeps them, which
    // makes hashing a roster of a million ID numbers about three times cheaper.
    private readonly ThreadLocal<HMACSHA256> _hmac;
    private readonly ThreadLocal<HMACSHA256>? _previousHmac;

    public PersonalDataHasher(IOptions<PersonalDataOptions> options)
    {
        if (!options.Value.TryGetKeyBytes(out var key))
            throw new InvalidOperationException($"{PersonalDataOptions.HashKeyPath} is not a usable key.");
        _hmac = new ThreadLocal<HMACSHA256>(() => new HMACSHA256(key), trackAllValues: true);
        Fingerprint = HMACSHA256.HashData(key, FingerprintLabel);
        if (options.Value.TryGetPreviousKeyBytes(out var previous))
        {
            _previousHmac = new ThreadLocal<HMACSHA256>(() => new HMACSHA256(previous), trackAllValues: true);
            PreviousFingerprint = HMACSHA256.HashData(previous, FingerprintLabel);
        }
    }

    /// <summary>Identifies <see cref="PersonalDataOptions.HashKey"/> (an HMAC of a fixed label under it), never the key.</summary>
    public byte[] Fingerprint { get; }

    /// <summary>The fingerprint of <see cref="PersonalDataOptions.PreviousHashKey"/>; null when none is configured.</summary>
    public byte[]? PreviousFingerprint { get; }

    /// <returns>32 bytes.</returns>
    public byte[] Hash(string value) => Compute(_hmac, value);

    /// <returns>The hash under the previous key (32 bytes); null when no previous key is configured.</returns>
    public byte[]? HashWithPreviousKey(string value) => _previousHmac is null ? null : Compute(_previousHmac, value);

    /// <summary>
    /// The keyed hash of a mobile number in its normal form (<see cref="ContactValidation.TryNormalizeDialledNumber"/>): the
    /// same key as ID numbers, under a label of its own so that no phone's hash can equal an ID number's.
    /// </summary>
    public byte[] HashPhone(string mobile) => Hash(PhoneLabel + mobile);

    /// <returns>The phone's hash under the previous key; null when no previous key is configured.</returns>
    public byte[]? HashPhoneWithPreviousKey(string mobile) => HashWithPreviousKey(PhoneLabel + mobile);

    /// <summary>How staff and operators see a fingerprint: its first eight bytes in hex.</summary>
    public static string Show(byte[] fingerprint) => Convert.ToHexStringLower(fingerprint, 0, 8);

    public void Dispose()
    {
        foreach (var instances in new[] { _hmac, _previousHmac })
        {
            if (instances is null)
                continue;
            foreach (var hmac in instances.Values)
                hmac.Dispose();
            instances.Dispose();
        }
    }

    private static byte[] Compute(ThreadLocal<HMACSHA256> instances, string value)
    {
        var hash = new byte[HMACSHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(value, buffer);
            instances.Value!.TryComputeHash(buffer[..written], hash, out _);
            return hash;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
