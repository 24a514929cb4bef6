using Hangfire;
using Outreach.Dashboard.Hangfire;
using Outreach.Worker.Digests.Staff;
using Outreach.Worker.Jobs;
using Outreach.Worker.Orders.Board;
using Outreach.Worker.Readers.Board;
using Outreach.Worker.Seats.Notices;

namespace Outreach.Dashboard.Home;

/// <summary>What needs a librarian's attention, as counts for the home page.</summary>
public sealed record Attention(long FailedJobs, long FailedRuns, long RefusedRuns, int HangfireServers, long OpenQuarantine = 0, long CardStatusFailing = 0,
    long StuckDeliveries = 0, OrderAttention? Orders = null, long StuckSeatMails = 0);

/// <summary>
/// Gathers the home page's counters from each feature's read model: failed Hangfire jobs, failed and refused runs of the
/// last days, live servers, and what waits on staff (quarantine, card statuses, mail a crash left in sending, orders).
/// </summary>
public sealed class AttentionBoard(JobStorage storage, LiveHangfireServers servers, RunBoard runs, ReaderBoard readers, DigestBoard digests,
    OrderBoard orders, StuckSeatNotices seatMails, TimeProvider clock)
{
    public static readonly TimeSpan RunWindow = TimeSpan.FromDays(7);

    public async Task<Attention> ReadAsync(CancellationToken cancellationToken)
    {
        var failures = await runs.FailuresSinceAsync(clock.GetUtcNow() - RunWindow, cancellationToken);
        return new Attention(storage.GetMonitoringApi().FailedCount(), failures.Failed, failures.Refused, servers.Count(),
            await readers.OpenQuarantineCountAsync(cancellationToken), await readers.FailingCardStatusCountAsync(cancellationToken),
            await digests.StuckAsync(cancellationToken), await orders.AttentionAsync(cancellationToken), await seatMails.CountAsync(cancellationToken));
    }
}
