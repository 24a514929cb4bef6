using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Events;

namespace Outreach.Worker.Digests.Content;

/// <summary>An event as a digest froze it (stored as JSON with the digest, so a rerun shows what the first run showed).</summary>
public sealed record DigestEvent(
    long Id,
    string Kind,
    string Title,
    string Summary,
    string Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int? Capacity,
    string? RegistrationUrl,
    DateTimeOffset UpdatedAt)
{
    public static DigestEvent From(LibraryEvent e) =>
        new(e.Id, e.Kind, e.Title, e.Summary, e.Venue, e.StartsAt, e.EndsAt, e.Capacity, e.RegistrationUrl, e.UpdatedAt);
}

/// <summary>What one digest says: its community, week, subject and events.</summary>
public sealed record DigestContent(long DigestId, string Community, string CommunityName, IsoWeek Week, string Subject,
    DateTimeOffset WindowStart, DateTimeOffset WindowEnd, IReadOnlyList<DigestEvent> Events)
{
    public string[] Kinds => Events.Select(e => e.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
