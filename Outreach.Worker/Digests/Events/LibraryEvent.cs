namespace Outreach.Worker.Digests.Events;

/// <summary>An event of the programme as stored; <see cref="Communities"/> empty means every community.</summary>
public sealed record LibraryEvent(
    long Id,
    string Source,
    string Kind,
    string Title,
    string Summary,
    string Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<string> Communities,
    int? Capacity,
    string? RegistrationUrl,
    bool Cancelled,
    DateTimeOffset UpdatedAt);
