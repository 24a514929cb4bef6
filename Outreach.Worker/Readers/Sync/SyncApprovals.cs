using System.Globalization;
using Npgsql;
using Outreach.Worker.Audit;

namespace Outreach.Worker.Readers.Sync;

/// <summary>Staff approval of a refused roster: the next run of that community may withdraw up to the refused count.</summary>
public sealed class SyncApprovals(AuditTrail audit, TimeProvider clock)
{
    /// <summary>Approves a refused run, with its audit entry; false when the run is not a refused sync run.</summary>
    public async Task<bool> ApproveAsync(long refusedRunId, AuditActor approvedBy, CancellationToken cancellationToken) =>
        await audit.ChangeAsync(approvedBy, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO outreach.sync_approvals (community, refused_run_id, withdrawals_allowed, approved_by, approved_at)
                SELECT scope, id, (counts ->> 'would_withdraw')::int, $2, $3
                FROM outreach.job_runs WHERE id = $1 AND job = 'sync' AND status = 'refused'
                ON CONFLICT (community) WHERE used_by_run_id IS NULL DO UPDATE SET
                    refused_run_id = EXCLUDED.refused_run_id, withdrawals_allowed = EXCLUDED.withdrawals_allowed,
                    approved_by = EXCLUDED.approved_by, approved_at = EXCLUDED.approved_at
                RETURNING community, withdrawals_allowed
                """, connection, transaction);
            command.Parameters.AddWithValue(refusedRunId);
            command.Parameters.AddWithValue(approvedBy.Name);
            command.Parameters.AddWithValue(clock.GetUtcNow());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetInt32(1)) : ((string, int)?)null;
        },
        approved => approved is var (community, withdrawals)
            ? new AuditEntry(AuditActions.RosterApproved, "run:" + refusedRunId.ToString(CultureInfo.InvariantCulture), new Dictionary<string, string>
            {
                ["community"] = community,
                ["withdrawals_allowed"] = withdrawals.ToString(CultureInfo.InvariantCulture),
            })
            : null,
        cancellationToken) is not null;
}
