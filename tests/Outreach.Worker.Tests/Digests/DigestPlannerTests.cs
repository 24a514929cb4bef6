using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Outreach.Integrations.Time;
using Outreach.Worker.Communities;
using Outreach.Worker.Digests;
using Outreach.Worker.Digests.Content;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Digests.Sending;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Tests.Digests;

/// <summary>The digest planner with the stored digests and the events substituted.</summary>
public sealed class DigestPlannerTests
{
    private static readonly TimeSpan Ningbo = TimeSpan.FromHours(8);
    // Wednesday of ISO week 2026-W48, in the library's time.
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 0, 0, Ningbo);
    private static readonly IsoWeek ThisWeek = new(2026, 48);
    private static readonly IsoWeek NextWeek = new(2026, 49);

    private readonly IDigestStore _digests = Substitute.For<IDigestStore>();
    private readonly ICommunityEvents _events = Substitute.For<ICommunityEvents>();
    private readonly DigestPlanner _planner;

    public DigestPlannerTests()
    {
        var calendar = new LibraryCalendar(new FakeTimeProvider(Wednesday), Options.Create(new LibraryTimeOptions()));
        var options = Options.Create(new DigestOptions { HorizonDays = 14 });
        var communities = Substitute.For<IOptionsMonitor<CommunityCatalogOptions>>();
        communities.CurrentValue.Returns(new CommunityCatalogOptions { Communities = { ["GL03"] = new CommunityEntry { Code = "GL03", Name = "茂新社区" } } });
        _events.ForCommunityAsync("GL03", Arg.Any<DateTimeOffset>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns([Lecture]);
        _planner = new DigestPlanner(_digests, _events, new DigestTemplate(options, calendar), calendar, communities, options);
    }

    private static LibraryEvent Lecture => new(5, "editor", "lecture", "微讲堂：古林的老字号", "", "报告厅", Wednesday.AddDays(2), Wednesday.AddDays(2).AddHours(2),
        [], null, null, false, Wednesday.AddDays(-3));

    [Fact]
    public async Task A_week_under_way_shows_the_events_of_the_next_days_from_now()
    {
        var content = await _planner.PreviewAsync("GL03", ThisWeek, CancellationToken.None);

        await _events.Received(1).ForCommunityAsync("GL03", Wednesday, Wednesday.AddDays(14), Arg.Any<CancellationToken>());
        Assert.Equal(("茂新社区", 0L, "微讲堂：古林的老字号"), (content.CommunityName, content.DigestId, content.Events.Single().Title));
        Assert.Contains("茂新社区", content.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_week_ahead_starts_at_its_monday_at_the_library_s_midnight()
    {
        var content = await _planner.PreviewAsync("GL03", NextWeek, CancellationToken.None);

        Assert.Equal((new DateTimeOffset(2026, 11, 30, 0, 0, 0, Ningbo), new DateTimeOffset(2026, 12, 14, 0, 0, 0, Ningbo)), (content.WindowStart, content.WindowEnd));
    }

    [Fact]
    public async Task A_digest_that_has_events_is_sent_as_it_was_frozen_whatever_the_events_say_now()
    {
        var frozen = new DigestContent(42, "GL03", "茂新社区", ThisWeek, "frozen", Wednesday, Wednesday.AddDays(14), [DigestEvent.From(Lecture)]);
        _digests.LoadAsync("GL03", ThisWeek, Arg.Any<CancellationToken>()).Returns(frozen);

        Assert.Same(frozen, await _planner.PrepareAsync("GL03", ThisWeek, runId: 9, CancellationToken.None));

        await _digests.Received(1).TouchAsync(42, 9, Arg.Any<CancellationToken>());
        await _digests.DidNotReceiveWithAnyArgs().FreezeAsync(default!, default, default);
        await _events.DidNotReceiveWithAnyArgs().ForCommunityAsync(default!, default, default, default);
    }

    [Fact]
    public async Task A_digest_stored_without_events_is_planned_again_and_frozen_with_the_events_found_now()
    {
        _digests.LoadAsync("GL03", ThisWeek, Arg.Any<CancellationToken>())
            .Returns(new DigestContent(42, "GL03", "茂新社区", ThisWeek, "empty", Wednesday, Wednesday.AddDays(14), []));
        _digests.FreezeAsync(Arg.Any<DigestContent>(), 9, Arg.Any<CancellationToken>()).Returns(42L);

        var content = await _planner.PrepareAsync("GL03", ThisWeek, runId: 9, CancellationToken.None);

        Assert.Equal((42L, 1), (content.DigestId, content.Events.Count));
        await _digests.Received(1).FreezeAsync(Arg.Is<DigestContent>(c => c.Events.Count == 1 && c.WindowStart == Wednesday), 9, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task When_another_run_froze_the_week_first_its_content_is_the_one_sent()
    {
        var theirs = new DigestContent(43, "GL03", "茂新社区", ThisWeek, "theirs", Wednesday, Wednesday.AddDays(14), [DigestEvent.From(Lecture)]);
        _digests.LoadAsync("GL03", ThisWeek, Arg.Any<CancellationToken>()).Returns(null, theirs);
        _digests.FreezeAsync(Arg.Any<DigestContent>(), 9, Arg.Any<CancellationToken>()).Returns((long?)null);

        Assert.Same(theirs, await _planner.PrepareAsync("GL03", ThisWeek, runId: 9, CancellationToken.None));
    }

    [Fact]
    public void A_community_that_is_not_configured_goes_straight_to_failed() =>
        Assert.Equal("Community GL09 is not configured (Outreach:Communities:GL09).",
            Assert.Throws<PermanentJobFailureException>(() => _planner.RequireCommunity("GL09")).Message);
}
