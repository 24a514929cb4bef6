namespace Outreach.Worker.Tests;

/// <summary>Waits on a condition, polling, with a deadline; the test fails with the message when it never holds.</summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string message)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"{message} (last value: {value})");
            }

            await Task.Delay(100);
        }
    }
}
