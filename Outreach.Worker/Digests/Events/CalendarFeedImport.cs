using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Logging;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Digests.Events;

/// <summary>Imports configured iCalendar feeds into the events table (the events-import job).</summary>
public sealed partial class CalendarFeedImport(
    IHttpClientFactory http,
    EventStore events,
    IOptionsMonitor<DigestOptions> options,
    LibraryCalendar calendar,
    JobRunLog runs,
    ILogger<CalendarFeedImport> logger)
{
    public const string JobName = "events-import";
    public const string HttpClientName = "calendar-feeds";

    public static string SourceOf(string feed) => "feed:" + feed;

    public async Task RunAsync(string feed, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Feeds.TryGetValue(feed, out var settings))
            throw new PermanentJobFailureException($"There is no calendar feed '{feed}' (configure {DigestOptions.Section}:Feeds:{feed}:Url).");

        var runId = await runs.StartAsync(JobName, feed, cancellationToken);
        try
        {
            using var client = http.CreateClient(HttpClientName);
            var ics = await client.GetStringAsync(new Uri(settings.Url!), cancellationToken);
            var from = calendar.StartOf(calendar.Today);
            var to = from.AddDays(settings.ExpandDays);
            var occurrences = CalendarFeedParser.Parse(ics, settings, from, to, calendar.Zone);
            var (inserted, updated, cancelled) = await events.ReplaceFeedAsync(SourceOf(feed), occurrences, from, to, cancellationToken);
            var counts = new Dictionary<string, long>
            {
                ["read"] = occurrences.Count, ["inserted"] = inserted, ["updated"] = updated, ["cancelled"] = cancelled,
            };
            await runs.FinishAsync(runId, RunStatus.Succeeded, counts, $"Feed {feed}: {occurrences.Count} occurrence(s) in the next {settings.ExpandDays} days", cancellationToken);
            Log.Imported(logger, feed, occurrences.Count, inserted, updated, cancelled);
        }
        catch (Exception failure) when (failure is FormatException or EventDraftException or ArgumentException)
        {
            await runs.FinishAsync(runId, RunStatus.Failed, new Dictionary<string, long>(), $"Feed {feed} could not be read: {failure.Message}", CancellationToken.None);
            throw new PermanentJobFailureException($"Calendar feed {feed} could not be read: {failure.Message}", failure);
        }
        catch (Exception failure)
        {
            await runs.FinishAsync(runId, RunStatus.Failed, new Dictionary<string, long>(), $"{failure.GetType().Name}: {failure.Message}", CancellationToken.None);
            throw;
        }
    }

    public async Task RunAllAsync(CancellationToken cancellationToken)
    {
        foreach (var feed in options.CurrentValue.Feeds.Keys.Order(StringComparer.Ordinal))
            await RunAsync(feed, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Digests + 11, Level = LogLevel.Information,
            Message = "Calendar feed {Feed}: {Read} occurrence(s), {Inserted} new, {Updated} changed, {Cancelled} cancelled")]
        public static partial void Imported(ILogger logger, string feed, int read, long inserted, long updated, long cancelled);
    }
}
