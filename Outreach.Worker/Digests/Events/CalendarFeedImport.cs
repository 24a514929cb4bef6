using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Calendars;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Time;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Digests.Events;

/// <summary>Imports configured iCalendar feeds into the events table (the events-import job).</summary>
public sealed partial class CalendarFeedImport(
    ICalendarFeed feeds,
    IFeedEvents events,
    IOptionsMonitor<DigestOptions> options,
    LibraryCalendar calendar,
    JobRuns runs,
    ILogger<CalendarFeedImport> logger)
{
    public const string JobName = "events-import";

    public static string SourceOf(string feed) => "feed:" + feed;

    public async Task RunAsync(string feed, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Feeds.TryGetValue(feed, out var settings))
            throw new PermanentJobFailureException($"There is no calendar feed '{feed}' (configure {DigestOptions.Section}:Feeds:{feed}:Url).");

        await runs.RunAsync(new RunSubject(JobName, feed) { IfCancelled = StaffMessage.Of("Cancelled.NextImportReadsAgain", $"the next import reads the feed again") }, async run =>
        {
            var from = calendar.StartOf(calendar.Today);
            var to = from.AddDays(settings.ExpandDays);
            var (read, inserted, updated, cancelled) = await ImportAsync(feed, settings, from, to, cancellationToken);
            var counts = new Dictionary<string, long> { ["read"] = read, ["inserted"] = inserted, ["updated"] = updated, ["cancelled"] = cancelled };
            await run.SucceedAsync(counts, StaffMessage.Of("Feed.Imported", $"Feed {feed}: {read} occurrence(s) in the next {settings.ExpandDays} days"), cancellationToken);
            Log.Imported(logger, feed, read, inserted, updated, cancelled);
        }, cancellationToken);
    }

    public Task RunAllAsync(CancellationToken cancellationToken) =>
        FanOut.EachAsync("Calendar feed import", options.CurrentValue.Feeds.Keys.Order(StringComparer.Ordinal).ToList(), RunAsync, cancellationToken);

    private async Task<(int Read, long Inserted, long Updated, long Cancelled)> ImportAsync(string feed, CalendarFeedOptions settings,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        try
        {
            var occurrences = CalendarFeedDrafts.Drafts(await feeds.ReadAsync(new Uri(settings.Url!), from, to, cancellationToken), settings);
            var (inserted, updated, cancelled) = await events.ReplaceFeedAsync(SourceOf(feed), occurrences, from, to, cancellationToken);
            return (occurrences.Count, inserted, updated, cancelled);
        }
        catch (Exception failure) when (failure is FormatException or EventDraftException or ArgumentException)
        {
            throw new CalendarFeedUnreadableException(feed, failure);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Digests + 11, Level = LogLevel.Information,
            Message = "Calendar feed {Feed}: {Read} occurrence(s), {Inserted} new, {Updated} changed, {Cancelled} cancelled")]
        public static partial void Imported(ILogger logger, string feed, int read, long inserted, long updated, long cancelled);
    }
}
