using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Outreach.Integrations.Bookstore;

/// <summary>What a webhook call's signature check found.</summary>
public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    Stale,
    Forged,
}

/// <summary>
/// The bookstore's webhook signature: <c>X-Bookstore-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + raw body)&gt;</c>
/// with <c>X-Bookstore-Timestamp: &lt;unix seconds&gt;</c>, accepted within five minutes either way.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Bookstore-Timestamp";
    public const string SignatureHeader = "X-Bookstore-Signature";
    public const string Prefix = "sha256=";

    /// <summary>How far the timestamp may lie from the hub's clock, either way.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    /// <summary>Checks the timestamp window first (cheap), then the signature in constant time.</summary>
    public static SignatureCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !signature.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return SignatureCheck.Malformed;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signature.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return SignatureCheck.Malformed;
        }

        if (seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds() || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Window)
        {
            return SignatureCheck.Stale;
        }

        return CryptographicOperations.FixedTimeEquals(presented, Mac(secret, timestamp, body)) ? SignatureCheck.Valid : SignatureCheck.Forged;
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var signed = new byte[Encoding.ASCII.GetByteCount(timestamp) + 1 + body.Length];
        var written = Encoding.ASCII.GetBytes(timestamp, signed);
        signed[written] = (byte)'.';
        body.CopyTo(signed.AsSpan(written + 1));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
