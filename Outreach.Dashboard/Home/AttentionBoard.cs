using Hangfire;
using Npgsql;
using Outreach.Worker.Digests.Staff;
using Outreach.Worker.Orders.Board;
using Outreach.Dashboard.Hangfire;

namespace Outreach.Dashboard.Home;

/// <summary>What needs a librarian's attention, as counts for the home page.</summary>
public sealed record Attention(long FailedJobs, long FailedRuns, long RefusedRuns, int HangfireServers, long OpenQuarantine = 0, long CardStatusFailing = 0,
    long StuckDeliveries = 0, OrderAttention? Orders = null);

/// <summary>Reads the home page's counters: failed Hangfire jobs, failed and refused runs of the last days, live servers.</summary>
public sealed class AttentionBoard(NpgsqlDataSource dataSource, JobStorage storage, LiveHangfireServers servers, DigestBoard digests, OrderBoard orders,
    TimeProvider clock)
{
    public static readonly TimeSpan RunWindow = TimeSpan.FromDays(7);

    public async Task<Attention> ReadAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT count(*) FILTER (WHERE status = 'failed'), count(*) FILTER (WHERE status = 'refused'),
                   (SELECT count(*) FROM outreach.quarantine WHERE resolved_at IS NULL),
                   (SELECT count(*) FROM outreach.card_status_outbox WHERE sent_at IS NULL AND attempts > 0)
            FROM outreach.job_runs
            WHERE status IN ('failed', 'refused') AND started_at >= $1
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(clock.GetUtcNow() - RunWindow);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var failedRuns = reader.GetInt64(0);
        var refusedRuns = reader.GetInt64(1);
        var openQuarantine = reader.GetInt64(2);
        var cardStatusFailing = reader.GetInt64(3);

        return new Attention(storage.GetMonitoringApi().FailedCount(), failedRuns, refusedRuns, servers.Count(), openQuarantine, cardStatusFailing,
            await digests.StuckAsync(cancellationToken), await orders.AttentionAsync(cancellationToken));
    }
}
