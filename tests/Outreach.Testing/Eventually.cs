using System.Diagnostics;
using Xunit;

namespace Outreach.Testing;

/// <summary>Waits for a condition by polling, with a deadline; the test fails with the last value seen when it never holds.</summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"{what}: not so after {timeout.TotalSeconds:0} s (last seen: {value}).");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Waits for a condition as long as the work behind it keeps moving: the deadline starts again whenever
    /// <paramref name="progress"/> reads something new, so a machine that is slow but working passes, and only work that
    /// stands still for <paramref name="stall"/> fails.
    /// </summary>
    public static async Task<T> HoldsWhileProgressingAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, Func<Task<string>> progress,
        TimeSpan stall, string what)
    {
        var sinceMoved = Stopwatch.StartNew();
        var last = await progress();
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            var now = await progress();
            if (!string.Equals(now, last, StringComparison.Ordinal))
            {
                last = now;
                sinceMoved.Restart();
            }
            else if (sinceMoved.Elapsed > stall)
            {
                Assert.Fail($"{what}: not so, and nothing moved for {stall.TotalSeconds:0} s (last seen: {value}; progress: {now}).");
            }

            await Task.Delay(200);
        }
    }

    public static Task<bool> TrueAsync(Func<Task<bool>> probe, TimeSpan timeout, string what) =>
        HoldsAsync(probe, holds => holds, timeout, what);
}
