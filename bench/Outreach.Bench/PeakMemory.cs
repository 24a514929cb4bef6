using System.Diagnostics;

namespace Outreach.Bench;

/// <summary>Samples this process's working set while a phase runs and keeps the highest value.</summary>
public sealed class PeakMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak;

    private PeakMemory()
    {
        _sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), process.WorkingSet64));
                try
                {
                    await Task.Delay(50, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public double PeakMegabytes => Interlocked.Read(ref _peak) / 1024.0 / 1024.0;

    public static PeakMemory Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return new PeakMemory();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }
}
