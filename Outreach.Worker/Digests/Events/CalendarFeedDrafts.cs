using Outreach.Integrations.Calendars;

namespace Outreach.Worker.Digests.Events;

/// <summary>Turns a feed's occurrences into event drafts: the kind from CATEGORIES (else the feed's), the feed's communities, texts clipped.</summary>
public static class CalendarFeedDrafts
{
    public static IReadOnlyList<(string ExternalId, EventDraft Draft)> Drafts(IReadOnlyList<CalendarOccurrence> occurrences, CalendarFeedOptions feed) =>
        occurrences.Select(occurrence => (occurrence.ExternalId, new EventDraft(
                occurrence.Categories.Select(EventKinds.FromCategory).FirstOrDefault(k => k is not null) ?? feed.Kind,
                Clip(occurrence.Title ?? "(untitled)", EventDraft.MaxTitle),
                Clip(occurrence.Description ?? "", EventDraft.MaxSummary),
                Clip(occurrence.Location ?? "", EventDraft.MaxTitle),
                occurrence.StartsAt,
                occurrence.EndsAt < occurrence.StartsAt ? occurrence.StartsAt : occurrence.EndsAt,
                feed.Communities,
                null,
                occurrence.Url)))
            .ToList();

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
