using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Outreach.Integrations.PersonalData;

namespace Outreach.Worker.Digests.Links;

/// <summary>A delivery: one digest to one reader, as the delivery token names it.</summary>
public readonly record struct DeliveryKey(long DigestId, long ReaderId);

/// <summary>
/// Opaque tokens for the links and envelopes of digests: the ids are encrypted (one AES block, so a token shows no
/// reader number) and authenticated (HMAC-SHA256, 80 bits), so a token can neither be forged nor edited into another
/// reader's. Lower-case base32, because VERP addresses are case-insensitive. Reader id 0 marks a staff test message.
/// </summary>
public sealed class DigestTokens : IDisposable
{
    private const byte ReaderPurpose = 1;
    private const byte DeliveryPurpose = 2;
    private const byte CheckInPurpose = 3;
    private const int BlockBytes = 16;
    private const int TagBytes = 10;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    private readonly byte[] _encryptionKey;
    private readonly byte[] _macKey;

    // One AES key schedule per thread: tokens are made for every copy of a digest, from several lanes at once.
    private readonly ThreadLocal<Aes> _aes;

    public DigestTokens(IOptions<DigestOptions> options, PersonalDataHasher hasher)
    {
        // One secret less to manage: without a TokenKey of their own, the tokens' keys derive from the hash key.
        var root = options.Value.TokenKey is { Length: > 0 } key
            ? SHA256.HashData(Encoding.UTF8.GetBytes(key))
            : hasher.Hash("outreach/digest-tokens/v1");
        _encryptionKey = HMACSHA256.HashData(root, "encryption"u8);
        _macKey = HMACSHA256.HashData(root, "authentication"u8);
        _aes = new ThreadLocal<Aes>(() =>
        {
            var aes = Aes.Create();
            aes.Key = _encryptionKey;
            return aes;
        }, trackAllValues: true);
    }

    public void Dispose()
    {
        foreach (var aes in _aes.Values)
            aes.Dispose();
        _aes.Dispose();
    }

    /// <summary>The token of a reader's unsubscribe and preferences links.</summary>
    public string ForReader(long readerId) => Seal(ReaderPurpose, readerId, 0);

    /// <summary>The tag of a delivery: the VERP part of its envelope sender and its X-Outreach-Delivery header.</summary>
    public string ForDelivery(DeliveryKey delivery) => Seal(DeliveryPurpose, delivery.ReaderId, delivery.DigestId);

    /// <summary>The token of a seat's check-in link, the QR code of its confirmation mail (a registration, not a reader).</summary>
    public string ForCheckIn(long registrationId) => Seal(CheckInPurpose, registrationId, 0);

    public bool TryReadCheckIn(string? token, out long registrationId)
    {
        registrationId = 0;
        if (!TryOpen(token, CheckInPurpose, out var id, out var extra) || extra != 0)
            return false;
        registrationId = id;
        return true;
    }

    public bool TryReadReader(string? token, out long readerId)
    {
        readerId = 0;
        if (!TryOpen(token, ReaderPurpose, out var id, out var extra) || extra != 0)
            return false;
        readerId = id;
        return true;
    }

    public bool TryReadDelivery(string? token, out DeliveryKey delivery)
    {
        delivery = default;
        if (!TryOpen(token, DeliveryPurpose, out var readerId, out var digestId))
            return false;
        delivery = new DeliveryKey(digestId, readerId);
        return true;
    }

    private string Seal(byte purpose, long id, long extra)
    {
        Span<byte> plain = stackalloc byte[BlockBytes];
        plain[0] = purpose;
        BinaryPrimitives.WriteInt64BigEndian(plain[1..9], id);
        // Seven bytes of the second number: digest ids stay far below 2^56.
        Span<byte> extraBytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(extraBytes, extra);
        extraBytes[1..].CopyTo(plain[9..]);

        var sealedBytes = new byte[BlockBytes + TagBytes];
        _aes.Value!.EncryptEcb(plain, sealedBytes.AsSpan(0, BlockBytes), PaddingMode.None);

        HMACSHA256.HashData(_macKey, sealedBytes.AsSpan(0, BlockBytes)).AsSpan(0, TagBytes).CopyTo(sealedBytes.AsSpan(BlockBytes));
        return Base32(sealedBytes);
    }

    private bool TryOpen(string? token, byte purpose, out long id, out long extra)
    {
        id = extra = 0;
        if (token is null || !TryFromBase32(token, out var bytes) || bytes.Length != BlockBytes + TagBytes)
            return false;

        var expected = HMACSHA256.HashData(_macKey, bytes.AsSpan(0, BlockBytes)).AsSpan(0, TagBytes);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(BlockBytes)))
            return false;

        Span<byte> plain = stackalloc byte[BlockBytes];
        _aes.Value!.DecryptEcb(bytes.AsSpan(0, BlockBytes), plain, PaddingMode.None);

        if (plain[0] != purpose)
            return false;
        id = BinaryPrimitives.ReadInt64BigEndian(plain[1..9]);
        Span<byte> extraBytes = stackalloc byte[8];
        plain[9..].CopyTo(extraBytes[1..]);
        extra = BinaryPrimitives.ReadInt64BigEndian(extraBytes);
        return id >= 0;
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }

    private static bool TryFromBase32(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length is 0 or > 64)
            return false;

        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            var value = Alphabet.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
            if (value < 0)
                return false;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }

            buffer &= (1 << bits) - 1;
        }

        bytes = [.. output];
        return true;
    }
}
