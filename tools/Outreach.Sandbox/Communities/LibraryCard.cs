namespace Outreach.Sandbox.Communities;

/// <summary>A library card as the hub reported it with PUT .../library-card.</summary>
public sealed record LibraryCard(string CardNumber, string Status, DateOnly IssuedOn);
