
namespace Outreach.Worker.Seats.Offers;

/// <summary>The seats sweep as Hangfire and the CLI run it (<c>run seats-sweep</c>).</summary>
public sealed class SeatSweepJob(SeatSweep sweep)
{
    public Task RunAsync(CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);
}
