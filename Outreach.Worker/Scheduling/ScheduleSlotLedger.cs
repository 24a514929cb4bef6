using Npgsql;

namespace Outreach.Worker.Scheduling;

/// <summary>
/// Remembers which (schedule, fire slot) pairs were enqueued. The unique key makes a double fire, or two
/// scheduler nodes firing the same slot, enqueue once: the second insert waits for the first transaction
/// and then finds the row.
/// </summary>
public sealed class ScheduleSlotLedger(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Runs <paramref name="enqueue"/> only if this slot was not taken yet; returns the job id, or null when it was.</summary>
    public async Task<string?> EnqueueOnceAsync(string schedule, DateTimeOffset slot, string job, string firedBy,
        Func<string> enqueue, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var claim = new NpgsqlCommand("""
            INSERT INTO outreach.schedule_slots (schedule, slot, job, fired_by, enqueued_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (schedule, slot) DO NOTHING
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue(schedule);
            claim.Parameters.AddWithValue(slot.ToUniversalTime());
            claim.Parameters.AddWithValue(job);
            claim.Parameters.AddWithValue(firedBy);
            claim.Parameters.AddWithValue(clock.GetUtcNow());
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        var jobId = enqueue();
        await using (var record = new NpgsqlCommand(
            "UPDATE outreach.schedule_slots SET hangfire_job_id = $3 WHERE schedule = $1 AND slot = $2", connection, transaction))
        {
            record.Parameters.AddWithValue(schedule);
            record.Parameters.AddWithValue(slot.ToUniversalTime());
            record.Parameters.AddWithValue(jobId);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return jobId;
    }

    /// <summary>The latest enqueued slot per schedule, for the schedules page.</summary>
    public async Task<IReadOnlyDictionary<string, (DateTimeOffset Slot, string? JobId)>> LatestAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT DISTINCT ON (schedule) schedule, slot, hangfire_job_id
            FROM outreach.schedule_slots
            ORDER BY schedule, slot DESC
            """;
        var latest = new Dictionary<string, (DateTimeOffset, string?)>(StringComparer.OrdinalIgnoreCase);
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            latest[reader.GetString(0)] = (reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        return latest;
    }
}
