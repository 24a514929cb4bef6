using System.Globalization;
using System.Text;
using Outreach.Integrations.Bookstore;

namespace Outreach.Integrations.Tests.Bookstore;

public class WebhookSignatureTests
{
    private const string Secret = "a-shared-webhook-secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"seq":41,"order_id":"XH-88123","order_ref":"BO-2026-000123","status":"shipped","at":"2026-11-20T18:00:00+08:00","note":"顺丰"}""");

    private static string At(TimeSpan offset) => (Now + offset).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Signature_is_hmac_sha256_over_timestamp_dot_body_in_lower_hex()
    {
        // Computed independently: printf '%s' "1795168800.<body>" | openssl dgst -sha256 -hmac a-shared-webhook-secret
        const string Expected = "sha256=ad91e0253a30a9830c0665175f28c0d0ebfe7535ba6fa76aba28f3d03f02ce6b";

        Assert.Equal("1795168800", At(TimeSpan.Zero));
        Assert.Equal(Expected, WebhookSignature.Sign(Secret, "1795168800", Body));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-299)]
    [InlineData(299)]
    public void Call_signed_within_five_minutes_is_valid(int offsetSeconds)
    {
        var timestamp = At(TimeSpan.FromSeconds(offsetSeconds));

        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(Secret, timestamp, WebhookSignature.Sign(Secret, timestamp, Body), Body, Now));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void Call_more_than_five_minutes_off_is_stale_even_when_signed_right(int offsetSeconds)
    {
        var timestamp = At(TimeSpan.FromSeconds(offsetSeconds));

        Assert.Equal(SignatureCheck.Stale, WebhookSignature.Verify(Secret, timestamp, WebhookSignature.Sign(Secret, timestamp, Body), Body, Now));
    }

    [Fact]
    public void Call_signed_with_another_secret_or_with_a_changed_body_is_forged()
    {
        var timestamp = At(TimeSpan.Zero);
        var changed = Body.ToArray();
        changed[^3] ^= 1;

        Assert.Equal(SignatureCheck.Forged, WebhookSignature.Verify(Secret, timestamp, WebhookSignature.Sign("another-secret-entirely", timestamp, Body), Body, Now));
        Assert.Equal(SignatureCheck.Forged, WebhookSignature.Verify(Secret, timestamp, WebhookSignature.Sign(Secret, timestamp, Body), changed, Now));
        Assert.Equal(SignatureCheck.Forged, WebhookSignature.Verify(Secret, At(TimeSpan.FromSeconds(1)), WebhookSignature.Sign(Secret, timestamp, Body), Body, Now));
    }

    [Theory]
    [InlineData(null, "sha256=00", SignatureCheck.Missing)]
    [InlineData("1795168800", null, SignatureCheck.Missing)]
    [InlineData("yesterday", "sha256=00", SignatureCheck.Malformed)]
    [InlineData("-5", "sha256=00", SignatureCheck.Malformed)]
    [InlineData("1795168800", "md5=00", SignatureCheck.Malformed)]
    [InlineData("1795168800", "sha256=not-hex", SignatureCheck.Malformed)]
    [InlineData("99999999999999999", "sha256=00", SignatureCheck.Stale)]
    public void Missing_or_malformed_headers_are_told_apart(string? timestamp, string? signature, SignatureCheck expected) =>
        Assert.Equal(expected, WebhookSignature.Verify(Secret, timestamp, signature, Body, Now));
}
