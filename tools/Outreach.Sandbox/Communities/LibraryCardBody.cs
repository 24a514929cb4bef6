using System.Globalization;

namespace Outreach.Sandbox.Communities;

/// <summary>The body of PUT .../library-card as it arrives, checked before it is believed.</summary>
internal sealed record LibraryCardBody(string? CardNumber, string? Status, string? IssuedOn)
{
    private static readonly string[] Statuses = ["active", "suspended", "withdrawn"];

    public string? Problem() =>
        string.IsNullOrWhiteSpace(CardNumber) ? "card_number is required."
        : !Statuses.Contains(Status, StringComparer.Ordinal) ? "status must be active, suspended or withdrawn."
        : !TryIssuedOn(out _) ? "issued_on must be a date as yyyy-MM-dd."
        : null;

    public LibraryCard ToCard() =>
        TryIssuedOn(out var issuedOn)
            ? new LibraryCard(CardNumber!, Status!, issuedOn)
            : throw new InvalidOperationException("The body was not checked.");

    private bool TryIssuedOn(out DateOnly issuedOn) =>
        DateOnly.TryParseExact(IssuedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out issuedOn);
}
