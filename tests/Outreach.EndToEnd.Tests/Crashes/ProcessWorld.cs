using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Sandbox.Communities;
using Outreach.Sandbox.Faults;
using Outreach.Testing;

namespace Outreach.EndToEnd.Tests.Crashes;

/// <summary>What the crash and scale-out tests share: worker settings for processes, a slow large roster, the run rows.</summary>
public static class ProcessWorld
{
    /// <summary>Hangfire's minimum: a killed worker's job is fetched again this long after its last heartbeat.</summary>
    public const string InvisibilityTimeout = "00:01:00";

    public static WorldOptions Options(Action<Dictionary<string, string?>>? configure = null) => new()
    {
        InProcessWorker = false,
        Configure = settings =>
        {
            settings["Outreach:Hangfire:InvisibilityTimeout"] = InvisibilityTimeout;
            settings["Outreach:Hangfire:AutomaticRetries"] = "0";
            settings["Outreach:Communities:GL01:PageSize"] = "1000";
            configure?.Invoke(settings);
        },
    };

    /// <summary>The world's settings for a worker process, which logs at Information into its log file.</summary>
    public static Dictionary<string, string?> WorkerSettings(HubWorld world, Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = new Dictionary<string, string?>(world.Settings)
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        configure?.Invoke(settings);
        return settings;
    }

    /// <summary>
    /// Seeds GL01 with <paramref name="count"/> residents and slows its first <paramref name="slowPages"/> pages down, so a
    /// sync is still reading when a test strikes; returns the delay rule, whose remaining count tells how far reading got.
    /// </summary>
    public static ActiveFault SlowLargeRoster(HubWorld world, int count, int slowPages, TimeSpan delay)
    {
        world.Sandbox.Communities.Seed("GL01", HubSettings.TokenOf("GL01"), Residents.Range("GL01", 1, count));
        return world.Sandbox.Faults.Add(FaultRule.Delay(delay, "GL01", CommunityRoutes.Residents, slowPages));
    }

    /// <summary>Waits until a GL01 sync is running and has asked for at least <paramref name="pages"/> pages.</summary>
    public static Task WaitUntilReadingAsync(HubWorld world, ActiveFault slow, int pages) =>
        Eventually.TrueAsync(async () =>
            await world.CountAsync("SELECT count(*) FROM outreach.job_runs WHERE job = 'sync' AND scope = 'GL01' AND status = 'running'") > 0
            && (world.Sandbox.Faults.Active.FirstOrDefault(f => f.Id == slow.Id)?.Remaining ?? 0) <= slow.Rule.Count - pages,
            TimeSpan.FromSeconds(90), $"a GL01 sync reading its roster (page {pages} asked for)");

    /// <summary>Residents 1..count want a card unless their serial is a multiple of three (see <see cref="Residents.Make"/>).</summary>
    public static int CardsWanted(int count) => count - count / 3;

    /// <summary>Every resident a reader once, every reader who wants one a card once: nothing lost, nothing twice.</summary>
    public static async Task AssertAppliedOnceAsync(HubWorld world, int count)
    {
        Assert.Equal(count, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE community = 'GL01'"));
        Assert.Equal(count, await world.CountAsync("SELECT count(DISTINCT resident_id) FROM outreach.readers WHERE community = 'GL01'"));
        Assert.Equal(CardsWanted(count), await world.CountAsync(
            "SELECT count(*) FROM outreach.cards c JOIN outreach.readers r ON r.id = c.reader_id WHERE r.community = 'GL01'"));
        Assert.Equal(CardsWanted(count), await world.CountAsync(
            "SELECT count(DISTINCT c.reader_id) FROM outreach.cards c JOIN outreach.readers r ON r.id = c.reader_id WHERE r.community = 'GL01'"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.job_runs WHERE job = 'sync' AND scope = 'GL01' AND status = 'succeeded'"));
        Assert.Equal(count, await world.CountAsync(
            "SELECT (counts->>'applied')::bigint FROM outreach.job_runs WHERE job = 'sync' AND scope = 'GL01' AND status = 'succeeded'"));
    }
}
