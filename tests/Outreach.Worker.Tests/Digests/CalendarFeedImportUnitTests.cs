using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Outreach.Integrations.Calendars;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;
using Outreach.Worker.Tests.Jobs;

namespace Outreach.Worker.Tests.Digests;

/// <summary>The events-import job with its ports substituted: the calendar feed, the feed's events and the run log.</summary>
public sealed class CalendarFeedImportUnitTests
{
    private const long RunId = 21;
    private static readonly Uri FeedUrl = new("https://lib.example.cn/calendar.ics");
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    private readonly ICalendarFeed _feed = Substitute.For<ICalendarFeed>();
    private readonly IFeedEvents _events = Substitute.For<IFeedEvents>();
    private readonly IRunLog _runs = Substitute.For<IRunLog>();
    private readonly CalendarFeedImport _import;

    public CalendarFeedImportUnitTests()
    {
        var options = Substitute.For<IOptionsMonitor<DigestOptions>>();
        options.CurrentValue.Returns(new DigestOptions
        {
            Feeds = { ["library"] = new CalendarFeedOptions { Url = FeedUrl.ToString(), Kind = "lecture", Communities = ["GL03"], ExpandDays = 30 } },
        });
        _runs.StartAsync(CalendarFeedImport.JobName, "library", Arg.Any<CancellationToken>()).Returns(RunId);
        _import = new CalendarFeedImport(_feed, _events, options, new LibraryCalendar(new FakeTimeProvider(Monday), Options.Create(new LibraryTimeOptions())),
            new JobRuns(_runs, NullLogger<JobRuns>.Instance), NullLogger<CalendarFeedImport>.Instance);
    }

    [Fact]
    public async Task The_feeds_occurrences_replace_its_events_as_drafts_of_the_feeds_kind_and_communities()
    {
        var starts = Monday.AddDays(3);
        _feed.ReadAsync(FeedUrl, Arg.Any<DateTimeOffset>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(
        [
            new CalendarOccurrence("weekly@lib/20261203T110000Z", "每周微讲堂", "公益讲座", "报告厅", starts, starts.AddHours(1), [], null),
            new CalendarOccurrence("salon@lib/20261204T060000Z", "影评沙龙", null, null, starts.AddDays(1), starts.AddDays(1).AddHours(-1), ["影评沙龙"], "https://lib.example.cn/salon"),
        ]);
        IReadOnlyList<(string ExternalId, EventDraft Draft)>? replaced = null;
        _events.ReplaceFeedAsync("feed:library", Arg.Do<IReadOnlyList<(string, EventDraft)>>(drafts => replaced = drafts), Arg.Any<DateTimeOffset>(),
            Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns((2L, 0L, 1L));

        await _import.RunAsync("library", CancellationToken.None);

        Assert.NotNull(replaced);
        Assert.Equal(["weekly@lib/20261203T110000Z", "salon@lib/20261204T060000Z"], replaced.Select(r => r.ExternalId));
        var (lecture, salon) = (replaced[0].Draft, replaced[1].Draft);
        Assert.Equal(("lecture", "每周微讲堂", "报告厅"), (lecture.Kind, lecture.Title, lecture.Venue));
        Assert.Equal(["GL03"], lecture.Communities!);
        Assert.Equal(("film_salon", "", salon.StartsAt, "https://lib.example.cn/salon"), (salon.Kind, salon.Summary, salon.EndsAt, salon.RegistrationUrl));
        // The window is the library's today and the feed's ExpandDays ahead.
        await _feed.Received(1).ReadAsync(FeedUrl, Arg.Is<DateTimeOffset>(from => from <= Monday && Monday - from < TimeSpan.FromDays(1)),
            Arg.Is<DateTimeOffset>(to => to - Monday > TimeSpan.FromDays(29)), Arg.Any<CancellationToken>());
        await _runs.Received(1).FinishAsync(RunId, RunStatus.Succeeded,
            Arg.Is<IReadOnlyDictionary<string, long>>(c => c["read"] == 2 && c["inserted"] == 2 && c["updated"] == 0 && c["cancelled"] == 1),
            Said.English("Feed library: 2 occurrence(s) in the next 30 days"), Arg.Any<CancellationToken>(), null);
    }

    [Fact]
    public async Task A_feed_that_cannot_be_read_fails_for_good_and_leaves_its_events_alone()
    {
        _feed.ReadAsync(FeedUrl, Arg.Any<DateTimeOffset>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new FormatException("The feed is not an iCalendar file."));

        var failure = await Assert.ThrowsAsync<PermanentJobFailureException>(() => _import.RunAsync("library", CancellationToken.None));

        Assert.Contains("Calendar feed library could not be read: The feed is not an iCalendar file.", failure.Message, StringComparison.Ordinal);
        await _events.DidNotReceiveWithAnyArgs().ReplaceFeedAsync(default!, default!, default, default, default);
        await _runs.Received(1).FinishAsync(RunId, RunStatus.Failed, Arg.Any<IReadOnlyDictionary<string, long>>(), Arg.Any<StaffMessage?>(), CancellationToken.None, null);
    }

    [Fact]
    public async Task An_unknown_feed_is_refused_without_reading_anything()
    {
        var failure = await Assert.ThrowsAsync<PermanentJobFailureException>(() => _import.RunAsync("gone", CancellationToken.None));

        Assert.Equal("There is no calendar feed 'gone' (configure Outreach:Digests:Feeds:gone:Url).", failure.Message);
        await _feed.DidNotReceiveWithAnyArgs().ReadAsync(default!, default, default, default);
        await _runs.DidNotReceiveWithAnyArgs().StartAsync(default!, default!, default);
    }
}
