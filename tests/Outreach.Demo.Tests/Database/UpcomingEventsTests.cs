using Outreach.Demo.Database;
using Outreach.Testing.Metrics;

namespace Outreach.Demo.Tests.Database;

public sealed class UpcomingEventsTests
{
    private static readonly string[] Communities = ["GL01", "GL02", "GL03", "GL04"];

    [Fact]
    public async Task Every_community_has_events_in_the_next_two_weeks_for_its_digest_and_planning_again_adds_nothing()
    {
        await using var world = await MetricsWorld.StartAsync("demo_upcoming");
        var now = world.Clock.GetUtcNow();

        var planned = await UpcomingEvents.SeedAsync(world.Db, DemoMetrics.LibraryTime, now, Communities);
        var again = await UpcomingEvents.SeedAsync(world.Db, DemoMetrics.LibraryTime, now, Communities);

        Assert.Equal(18, planned);
        Assert.Equal(0, again);
        foreach (var community in Communities)
        {
            Assert.True(await world.CountAsync("""
                SELECT count(*) FROM outreach.events
                WHERE NOT cancelled AND starts_at > $1 AND starts_at < $1 + interval '14 days' AND (cardinality(communities) = 0 OR $2 = ANY (communities))
                """, now, community) >= 3, $"{community} has too few events in the next two weeks");
        }
    }
}
