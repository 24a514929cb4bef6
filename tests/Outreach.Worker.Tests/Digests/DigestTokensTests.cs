using Microsoft.Extensions.Options;
using Outreach.Integrations.PersonalData;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests;
using Outreach.Worker.Digests.Links;

namespace Outreach.Worker.Tests.Digests;

public sealed class DigestTokensTests
{
    private static DigestTokens Tokens(string? tokenKey = null) => new(
        Options.Create(new DigestOptions { TokenKey = tokenKey }),
        new PersonalDataHasher(Options.Create(new PersonalDataOptions { HashKey = "test-hash-key-that-is-long-enough-to-be-valid-0123456789" })));

    [Fact]
    public void A_reader_token_reads_back_to_its_reader_and_shows_no_number()
    {
        var tokens = Tokens();
        var token = tokens.ForReader(42);

        Assert.True(tokens.TryReadReader(token, out var reader));
        Assert.Equal(42, reader);
        Assert.True(tokens.TryReadReader(token.ToUpperInvariant(), out _));
        Assert.DoesNotContain("234567", tokens.ForReader(234567), StringComparison.Ordinal);
        Assert.NotEqual(tokens.ForReader(43)[..20], token[..20]);
    }

    [Fact]
    public void A_forged_edited_or_foreign_token_is_refused()
    {
        var tokens = Tokens();
        var token = tokens.ForReader(42);

        Assert.False(tokens.TryReadReader("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", out _));
        Assert.False(tokens.TryReadReader("", out _));
        Assert.False(tokens.TryReadReader("not a token!", out _));
        Assert.False(tokens.TryReadReader(token[..^1], out _));
        for (var i = 0; i < token.Length; i++)
        {
            var edited = token[..i] + (token[i] == 'a' ? 'b' : 'a') + token[(i + 1)..];
            Assert.False(tokens.TryReadReader(edited, out _), $"an edit at {i} was accepted");
        }

        Assert.False(Tokens("another-token-key-of-at-least-32-characters").TryReadReader(token, out _));
        Assert.False(tokens.TryReadDelivery(token, out _));
        Assert.False(tokens.TryReadReader(tokens.ForDelivery(new DeliveryKey(7, 42)), out _));
    }

    [Fact]
    public void A_delivery_tag_names_its_digest_and_reader()
    {
        var tokens = Tokens();
        var tag = tokens.ForDelivery(new DeliveryKey(1234, 987_654_321));

        Assert.True(tokens.TryReadDelivery(tag, out var delivery));
        Assert.Equal(new DeliveryKey(1234, 987_654_321), delivery);
        Assert.Matches("^[a-z2-7]{42}$", tag);
    }

    [Theory]
    [InlineData("2026-W48", 2026, 48, "2026-11-23")]
    [InlineData("2026-W01", 2026, 1, "2025-12-29")]
    [InlineData("2020-W53", 2020, 53, "2020-12-28")]
    public void An_iso_week_parses_and_knows_its_monday(string text, int year, int week, string monday)
    {
        Assert.True(IsoWeek.TryParse(text, out var parsed));
        Assert.Equal(new IsoWeek(year, week), parsed);
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), parsed.Monday);
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("2026-48")]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")]
    [InlineData("W48")]
    public void A_bad_iso_week_is_refused(string text) => Assert.False(IsoWeek.TryParse(text, out _));
}
