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

    public static Task<bool> TrueAsync(Func<Task<bool>> probe, TimeSpan timeout, string what) =>
        HoldsAsync(probe, holds => holds, timeout, what);
}
