using Npgsql;
using Outreach.Integrations.Time;

namespace Outreach.Worker.Activity;

/// <summary>
/// The ledger's running totals per library-time month, community and reader (outreach.activity_months): the intake
/// adds what it inserts, in the same transaction; a month found out of step with the ledger is rebuilt from it. Intake
/// transactions hold this lock shared, a rebuild holds it alone, so no record is counted in neither or both.
/// </summary>
public static class ActivityMonths
{
    public const string LockKey = "activity-months";

    /// <summary>Sums of a set of ledger rows named <c>rows</c> (community, reader_id, kind, run_id), by community and reader.</summary>
    public const string Totals = """
        count(*) FILTER (WHERE rows.kind = 'visit'), count(*) FILTER (WHERE rows.kind = 'loan'),
        count(*) FILTER (WHERE rows.kind = 'eresource'), count(*) FILTER (WHERE rows.kind = 'attendance'), max(rows.run_id)
        """;

    public const string Columns = "month, community, reader_id, visits, loans, sessions, attendance, last_run_id";

    /// <summary>Adding to existing totals: what the intake does for each batch.</summary>
    public const string AddOnConflict = """
        ON CONFLICT (month, community, reader_id) DO UPDATE SET
            visits = outreach.activity_months.visits + EXCLUDED.visits, loans = outreach.activity_months.loans + EXCLUDED.loans,
            sessions = outreach.activity_months.sessions + EXCLUDED.sessions, attendance = outreach.activity_months.attendance + EXCLUDED.attendance,
            last_run_id = greatest(outreach.activity_months.last_run_id, EXCLUDED.last_run_id)
        """;

    /// <summary>Takes the lock shared for the caller's transaction (the intake).</summary>
    public static async Task ShareLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))", connection);
        command.Parameters.AddWithValue(LockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Replaces a month's totals with the ledger's, waiting for intakes in progress to finish; the number of readers counted.</summary>
    public static async Task<long> RebuildAsync(NpgsqlDataSource dataSource, ReportMonth month, MonthPeriod period, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var seconds = (int)Math.Min(int.MaxValue, timeout.TotalSeconds);
        await using (var exclusive = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection) { CommandTimeout = seconds })
        {
            exclusive.Parameters.AddWithValue(LockKey);
            await exclusive.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var clear = new NpgsqlCommand("DELETE FROM outreach.activity_months WHERE month = $1", connection) { CommandTimeout = seconds })
        {
            clear.Parameters.AddWithValue(month.FirstDay);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        long readers;
        await using (var rebuild = new NpgsqlCommand($"""
            INSERT INTO outreach.activity_months ({Columns})
            SELECT $1, rows.community, rows.reader_id, {Totals}
            FROM outreach.activities AS rows
            WHERE rows.occurred_at >= $2 AND rows.occurred_at < $3
            GROUP BY rows.community, rows.reader_id
            """, connection) { CommandTimeout = seconds })
        {
            rebuild.Parameters.AddWithValue(month.FirstDay);
            rebuild.Parameters.AddWithValue(period.Start);
            rebuild.Parameters.AddWithValue(period.End);
            readers = await rebuild.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        // A month's worth of rows replaced at once leaves the planner's statistics behind: without fresh ones it may probe
        // the totals row by row with full scans.
        await using (var analyze = new NpgsqlCommand("ANALYZE outreach.activity_months", connection) { CommandTimeout = seconds })
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        return readers;
    }
}
