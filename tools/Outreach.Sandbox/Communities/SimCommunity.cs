using System.Security.Cryptography;
using System.Text;

namespace Outreach.Sandbox.Communities;

/// <summary>One simulated community system: its access, its roster and the cards it was told about.</summary>
internal sealed class SimCommunity(string code)
{
    private volatile Access _access = new(CommunityKind.Rest, "");

    public string Code { get; } = code;

    /// <summary>Tells cursors of this sandbox run from those of an earlier one (a restarted demo) so they are refused, not misread.</summary>
    public string Epoch { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public CommunityKind Kind => _access.Kind;

    public ResidentStore Residents { get; } = new();

    public CardLedger Cards { get; } = new();

    public void Configure(CommunityKind kind, string token) => _access = new Access(kind, token);

    public bool Accepts(string presentedToken)
    {
        var expected = _access.Token;
        return expected.Length > 0 && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(presentedToken), Encoding.UTF8.GetBytes(expected));
    }

    public CommunityInfo Info() => new(Code, Kind, Residents.Count, Cards.TotalRequests);

    private sealed record Access(CommunityKind Kind, string Token);
}
