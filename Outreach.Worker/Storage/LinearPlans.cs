using Npgsql;

namespace Outreach.Worker.Storage;

/// <summary>
/// Keeps set-based statements over a staging table, or over a table this transaction has just loaded, linear in their rows
/// whatever the planner's statistics say. Temporary tables are never analysed by autovacuum, and a bulk load leaves a
/// table's statistics describing what it held before: with either, the planner can take a big side for one row and
/// choose a nested loop that rescans an unindexed table once per row, which turns a load of n rows into n² work.
/// </summary>
public static class LinearPlans
{
    /// <summary>
    /// From this many rows written, a table's statistics are refreshed before anything else joins it: a first load of a
    /// community is otherwise invisible to the planner (its value is in no histogram) until autovacuum comes by.
    /// </summary>
    public const long AnalyzeFromRows = 10_000;

    /// <summary>
    /// Below this many rows a table is not worth analysing for the statements of one run: with nested loops ruled out over
    /// it, or only index probes into it, any plan is a pass or two over a few thousand rows, which costs less than the ANALYZE.
    /// </summary>
    public const long AnalyzeFromFewRows = 5_000;

    /// <summary>
    /// Forbids nested loops for the rest of the transaction, until <see cref="AllowNestedLoopsAsync"/>: the statements in
    /// between join an unindexed staging table, where a nested loop rescans it once per outer row and only hash or merge
    /// joins stay linear. (<c>enable_nestloop = off</c> only prices nested loops out; one is still used where nothing else
    /// can answer the join, which no equality join needs.)
    /// </summary>
    public static Task ForbidNestedLoopsAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "SET LOCAL enable_nestloop = off", cancellationToken);

    /// <summary>Back to the configured planner setting (index nested loops are what joins between indexed tables want).</summary>
    public static Task AllowNestedLoopsAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "SET LOCAL enable_nestloop TO DEFAULT", cancellationToken);

    /// <summary>
    /// ANALYZE, in the caller's transaction, a table or staging table that has just been loaded: only the columns that
    /// statements join or filter on, when given (the statistics of long text columns cost most of an ANALYZE).
    /// </summary>
    public static Task AnalyzeAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken, params string[] columns) =>
        ExecuteAsync(connection, columns.Length == 0 ? $"ANALYZE {table}" : $"ANALYZE {table} ({string.Join(", ", columns)})", cancellationToken);

    /// <summary>
    /// ANALYZE a staging table from a small sample (a tenth of the default's): what its statements need is its size and the
    /// share of NULLs and of distinct values, which a few thousand rows tell as well as thirty thousand, at a tenth of the reads.
    /// The default target is back for whatever this transaction analyses next (the registry keeps its statistics).
    /// </summary>
    public static async Task AnalyzeSampleAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken, params string[] columns)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SET LOCAL default_statistics_target = 10"),
                new NpgsqlBatchCommand($"ANALYZE {table} ({string.Join(", ", columns)})"),
                new NpgsqlBatchCommand("SET LOCAL default_statistics_target TO DEFAULT"),
            },
            Timeout = 0,
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// ANALYZE a table after a write of <paramref name="rowsWritten"/> rows when that write can have moved its statistics:
    /// from <see cref="AnalyzeFromRows"/> rows, or from a tenth of the rows the statistics know of (as autovacuum would, later).
    /// </summary>
    /// <returns>True when the table was analysed.</returns>
    public static async Task<bool> AnalyzeAfterWriteAsync(NpgsqlConnection connection, string table, long rowsWritten, CancellationToken cancellationToken,
        params string[] columns)
    {
        if (rowsWritten < AnalyzeFromFewRows)
        {
            return false;
        }

        if (rowsWritten < AnalyzeFromRows)
        {
            await using var known = new NpgsqlCommand("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = $1::regclass", connection);
            known.Parameters.AddWithValue(table);
            var tuples = (long)(await known.ExecuteScalarAsync(cancellationToken))!;
            if (rowsWritten * 10 < tuples)
            {
                return false;
            }
        }

        await AnalyzeAsync(connection, table, cancellationToken, columns);
        return true;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
