namespace Outreach.Demo.Hosting;

/// <summary>A schedule that fires every minute, so a newcomer watches Quartz enqueue and Hangfire run a job right away.</summary>
internal static class DemoSchedules
{
    public const string Name = "housekeeping-demo";

    public static IEnumerable<KeyValuePair<string, string>> Settings()
    {
        const string key = "Outreach:Schedules:" + Name;
        yield return new($"{key}:Job", "housekeeping");
        yield return new($"{key}:Cron", "0 */1 * * * ?");
        yield return new($"{key}:Description", "Demo only: housekeeping every minute, to watch a scheduled job run");
    }
}
