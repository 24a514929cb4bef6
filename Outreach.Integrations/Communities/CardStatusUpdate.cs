namespace Outreach.Integrations.Communities;

/// <summary>A library card's state, sent back to the resident's community; the status is one of <see cref="CardStatuses"/>.</summary>
public sealed record CardStatusUpdate(string ResidentId, string CardNumber, string Status, DateOnly IssuedOn);

public static class CardStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Withdrawn = "withdrawn";
}
