using Outreach.Worker.Messages;
using Npgsql;

namespace Outreach.Worker.Jobs;

/// <summary>
/// Prunes the ledgers that only need to remember recent history (schedule slots and old run rows) and ends the run rows
/// that a stopped worker left 'running'.
/// </summary>
public sealed class HousekeepingJob(NpgsqlDataSource dataSource, JobRuns runs, AbandonedRuns abandoned, TimeProvider clock)
{
    public const string Name = "housekeeping";

    /// <summary>Schedule slots are only needed to stop a double fire of the same slot.</summary>
    public static readonly TimeSpan SlotRetention = TimeSpan.FromDays(30);

    /// <summary>Run rows feed the monthly data-quality figures, year on year.</summary>
    public static readonly TimeSpan RunRetention = TimeSpan.FromDays(800);

    public Task RunAsync(CancellationToken cancellationToken) =>
        runs.RunAsync(new RunSubject(Name, "all") { IfCancelled = StaffMessage.Of("Cancelled.NextRunPrunes", $"the next run prunes what is left") }, async run =>
        {
            var now = clock.GetUtcNow();
            var slots = await DeleteOlderThanAsync("DELETE FROM outreach.schedule_slots WHERE slot < $1", now - SlotRetention, cancellationToken);
            var abandonedRuns = await abandoned.MarkAsync(run.Id, cancellationToken);
            var oldRuns = await DeleteOlderThanAsync("DELETE FROM outreach.job_runs WHERE started_at < $1 AND status <> 'running'", now - RunRetention, cancellationToken);
            await run.SucceedAsync(
                new Dictionary<string, long> { ["schedule_slots_deleted"] = slots, ["abandoned_runs_failed"] = abandonedRuns, ["job_runs_deleted"] = oldRuns },
                null, cancellationToken);
        }, cancellationToken);

    private async Task<long> DeleteOlderThanAsync(string sql, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(cutoff);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
