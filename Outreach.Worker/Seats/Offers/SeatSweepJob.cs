using System.ComponentModel;

namespace Outreach.Worker.Seats.Offers;

/// <summary>The seats sweep as Hangfire and the CLI run it (<c>run seats-sweep</c>).</summary>
public sealed class SeatSweepJob(SeatSweep sweep)
{
    [DisplayName("Seats: expired offers, freed seats")]
    public Task RunAsync(CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);
}
