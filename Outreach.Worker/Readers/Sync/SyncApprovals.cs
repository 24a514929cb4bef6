using Npgsql;

namespace Outreach.Worker.Readers.Sync;

/// <summary>Staff approval of a refused roster: the next run of that community may withdraw up to the refused count.</summary>
public sealed class SyncApprovals(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Approves a refused run; false when the run is not a refused sync run.</summary>
    public async Task<bool> ApproveAsync(long refusedRunId, string approvedBy, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO outreach.sync_approvals (community, refused_run_id, withdrawals_allowed, approved_by, approved_at)
            SELECT scope, id, (counts ->> 'would_withdraw')::int, $2, $3
            FROM outreach.job_runs WHERE id = $1 AND job = 'sync' AND status = 'refused'
            ON CONFLICT (community) WHERE used_by_run_id IS NULL DO UPDATE SET
                refused_run_id = EXCLUDED.refused_run_id, withdrawals_allowed = EXCLUDED.withdrawals_allowed,
                approved_by = EXCLUDED.approved_by, approved_at = EXCLUDED.approved_at
            """);
        command.Parameters.AddWithValue(refusedRunId);
        command.Parameters.AddWithValue(approvedBy);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
