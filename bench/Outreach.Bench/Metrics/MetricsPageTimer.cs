using Outreach.Bench.Pages;

namespace Outreach.Bench.Metrics;

/// <summary>Starts the dashboard on loopback, signs a viewer in as a browser would, and times a page: median and worst.</summary>
public static class MetricsPageTimer
{
    public static async Task<(double Median, double Worst)> MeasureAsync(IEnumerable<KeyValuePair<string, string?>> settings, string path, int requests,
        CancellationToken cancellationToken)
    {
        await using var session = await DashboardSession.StartAsync(settings, cancellationToken);
        await session.GetAsync(path, "<svg", null, cancellationToken);
        var times = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            times.Add(await session.GetAsync(path, "<svg", null, cancellationToken));
        }

        times.Sort();
        Console.WriteLine($"  GET {path}: median {times[times.Count / 2]:F1} ms, worst {times[^1]:F1} ms over {requests} requests");
        return (times[times.Count / 2], times[^1]);
    }
}
