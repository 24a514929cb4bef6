using Npgsql;
using NpgsqlTypes;
using Outreach.Worker.Messages;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Jobs;

/// <summary>How many runs failed and how many were refused in a window, for the home page.</summary>
public sealed record RunFailureCounts(long Failed, long Refused);

/// <summary>Reads outreach.job_runs for the staff pages: newest first, filtered by job and status, a page at a time.</summary>
public sealed class RunBoard(NpgsqlDataSource dataSource)
{
    public const int PageSize = 50;

    public static IReadOnlyList<string> Statuses { get; } =
        Enum.GetValues<RunStatus>().Select(s => s.ToString().ToLowerInvariant()).ToList();

    public async Task<RunPage> ReadAsync(RunFilter filter, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT id, job, scope, hangfire_job_id, started_at, finished_at, status, counts::text, progress, message, message_code, message_args::text
            FROM outreach.job_runs
            WHERE ($1::text IS NULL OR job = $1) AND ($2::text IS NULL OR status = $2)
            ORDER BY started_at DESC, id DESC
            LIMIT $3 OFFSET $4
            """;
        var page = Math.Max(1, filter.Page);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, Blank(filter.Job) ?? (object)DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, Blank(filter.Status) ?? (object)DBNull.Value);
        // One row more than a page tells whether there is a next page without counting the table.
        command.Parameters.AddWithValue(PageSize + 1);
        command.Parameters.AddWithValue(Paging.Offset(page, PageSize));

        var rows = new List<RunRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RunRow(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetString(6),
                RunCounts.Parse(reader.GetString(7)),
                reader.IsDBNull(8) ? null : reader.GetInt32(8),
                StoredMessage.From(Text(reader, 9), Text(reader, 10), Text(reader, 11))));
        }

        return new RunPage(rows.Take(PageSize).ToList(), page, rows.Count > PageSize);
    }

    /// <summary>The jobs that have runs, for the filter's choices.</summary>
    public async Task<IReadOnlyList<string>> JobsAsync(CancellationToken cancellationToken)
    {
        var jobs = new List<string>();
        // The few jobs are found by skipping through the (job, started_at) index, not by reading a year of runs.
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE jobs AS (
                (SELECT job FROM outreach.job_runs ORDER BY job LIMIT 1)
                UNION ALL
                SELECT (SELECT r.job FROM outreach.job_runs r WHERE r.job > j.job ORDER BY r.job LIMIT 1) FROM jobs j WHERE j.job IS NOT NULL)
            SELECT job FROM jobs WHERE job IS NOT NULL
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(reader.GetString(0));
        }

        return jobs;
    }

    /// <summary>Runs that failed or were refused since <paramref name="since"/>.</summary>
    public async Task<RunFailureCounts> FailuresSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT count(*) FILTER (WHERE status = 'failed'), count(*) FILTER (WHERE status = 'refused')
            FROM outreach.job_runs
            WHERE status IN ('failed', 'refused') AND started_at >= $1
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new RunFailureCounts(reader.GetInt64(0), reader.GetInt64(1));
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
