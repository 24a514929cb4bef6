using System.Runtime;

namespace Outreach.Bench;

/// <summary>
/// Brings the process to the state of a worker that has run the same jobs before: .NET first compiles a method quickly
/// (tier 0) and recompiles it optimised (tier 1) only once it has been called often enough and the runtime has been free
/// of new compilations for a moment, which a long-running worker is between two nights but a benchmark that goes straight
/// from one size to the next is not. Without it, the sizes measured first run partly unoptimised code and look slower
/// per row than the ones after them.
/// </summary>
public static class SteadyState
{
    private const int Runs = 3;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    /// <summary>Runs the warm-up a few times, each followed by a wait until the runtime compiles nothing more.</summary>
    public static async Task ReachAsync(Func<Task> warmUp)
    {
        for (var i = 0; i < Runs; i++)
        {
            await warmUp();
            await CompilationSettledAsync();
        }
    }

    // Waits on the condition (no method compiled for five polls in a row), bounded by MaxWait.
    private static async Task CompilationSettledAsync()
    {
        var last = JitInfo.GetCompiledMethodCount();
        var unchanged = 0;
        for (var waited = TimeSpan.Zero; unchanged < 5 && waited < MaxWait; waited += Poll)
        {
            await Task.Delay(Poll);
            var now = JitInfo.GetCompiledMethodCount();
            unchanged = now == last ? unchanged + 1 : 0;
            last = now;
        }
    }
}
