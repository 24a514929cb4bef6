using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Jobs;

/// <summary>The outcome of a run, as the staff pages show it.</summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    Refused,
}

/// <summary>Writes the run rows every job keeps: what it read and did, progress, how it ended.</summary>
public sealed class JobRunLog(NpgsqlDataSource dataSource, TimeProvider clock) : IRunLog
{
    public async Task<long> StartAsync(string job, string scope, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO outreach.job_runs (job, scope, hangfire_job_id, started_at, status)
            VALUES ($1, $2, $3, $4, 'running')
            RETURNING id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(job);
        command.Parameters.AddWithValue(scope);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)CurrentHangfireJob.Id ?? DBNull.Value);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Shows a long run's progress: a percentage when the total is known, else only the counts so far.</summary>
    public async Task ProgressAsync(long runId, int? percent, IReadOnlyDictionary<string, long> counts, CancellationToken cancellationToken)
    {
        const string sql = "UPDATE outreach.job_runs SET progress = $2, counts = $3 WHERE id = $1";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(NpgsqlDbType.Integer, percent is null ? DBNull.Value : Math.Clamp(percent.Value, 0, 100));
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(counts));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends a run; with <paramref name="transaction"/>, atomically with the run's own changes.</summary>
    public async Task FinishAsync(long runId, RunStatus status, IReadOnlyDictionary<string, long> counts, StaffMessage? message, CancellationToken cancellationToken,
        NpgsqlTransaction? transaction = null) =>
        await FinishAsync(runId, status, counts, message, onlyIfRunning: false, transaction, cancellationToken);

    public async Task<bool> FinishIfRunningAsync(long runId, RunStatus status, IReadOnlyDictionary<string, long> counts, StaffMessage? message,
        CancellationToken cancellationToken) =>
        await FinishAsync(runId, status, counts, message, onlyIfRunning: true, transaction: null, cancellationToken) == 1;

    /// <summary>Ends a run that nothing runs any more as failed, with why; false when the run had already ended.</summary>
    public async Task<bool> AbandonAsync(long runId, StaffMessage message, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE outreach.job_runs SET finished_at = $2, status = 'failed', message = $3, message_code = $4, message_args = $5
            WHERE id = $1 AND status = 'running'
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        command.Parameters.AddWithValue(message.English);
        command.Parameters.AddWithValue(message.Code);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, message.ArgsJson);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<int> FinishAsync(long runId, RunStatus status, IReadOnlyDictionary<string, long> counts, StaffMessage? message, bool onlyIfRunning,
        NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE outreach.job_runs
            SET finished_at = $2, status = $3, counts = $4, message = $5, message_code = $7, message_args = $8, progress = CASE WHEN $3 = 'succeeded' THEN 100 ELSE progress END
            WHERE id = $1 AND (NOT $6 OR status = 'running')
            """;
        await using var command = transaction is null ? dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, transaction.Connection, transaction);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        command.Parameters.AddWithValue(status.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(counts));
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)message?.English ?? DBNull.Value);
        command.Parameters.AddWithValue(onlyIfRunning);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)message?.Code ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, (object?)message?.ArgsJson ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
