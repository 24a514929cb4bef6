using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Integrations.Logging;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Jobs;

/// <summary>
/// Finds the run rows that still say 'running' although nothing runs them any more, and marks them failed. A row is
/// judged by the Hangfire job that wrote it, never by its age: it stays 'running' exactly while that job is Processing on
/// a server that still sends heartbeats, in the execution that started the row. Rows written outside Hangfire (the
/// operator's <c>run</c> verb) have no Hangfire job to ask and are left alone.
/// </summary>
public sealed partial class AbandonedRuns(NpgsqlDataSource dataSource, JobStorage storage, JobRunLog runs, TimeProvider clock,
    ILogger<AbandonedRuns> logger)
{
    /// <summary>
    /// How long a server may go without a heartbeat before it counts as stopped: Hangfire's own server timeout, after which
    /// its watchdog removes the server and the jobs it held are fetched again.
    /// </summary>
    public static readonly TimeSpan ServerTimeout = new BackgroundJobServerOptions().ServerTimeout;

    // A row is written after its execution began, by the same machine; the margin covers the database's microseconds.
    private static readonly TimeSpan StartMargin = TimeSpan.FromSeconds(1);

    /// <summary>Marks the abandoned rows failed, other than <paramref name="exceptRunId"/>; how many it marked.</summary>
    public async Task<int> MarkAsync(long exceptRunId, CancellationToken cancellationToken)
    {
        // The rows first, then the servers: a row's server announced itself before its workers started, so a live one is listed.
        var running = await RunningAsync(exceptRunId, cancellationToken);
        if (running.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var liveServers = storage.GetMonitoringApi().Servers()
            .Where(s => s.Heartbeat is { } beat && now - ToUtc(beat) < ServerTimeout)
            .Select(s => s.Name)
            .ToHashSet(StringComparer.Ordinal);

        var marked = 0;
        using var connection = storage.GetConnection();
        foreach (var run in running)
        {
            var reason = Abandoned(run, connection.GetStateData(run.HangfireJobId), liveServers);
            // Only a row still running is marked: one that its job finished meanwhile keeps its own outcome.
            if (reason is not null && await runs.AbandonAsync(run.Id, reason, cancellationToken))
            {
                Log.RunAbandoned(logger, run.Id, run.Job, run.HangfireJobId, reason.English);
                marked++;
            }
        }

        return marked;
    }

    /// <summary>Why the row's execution is over, or null while it may still be running.</summary>
    private static StaffMessage? Abandoned(RunningRow run, StateData? state, HashSet<string> liveServers)
    {
        if (state is null)
        {
            return StaffMessage.Of("Run.Abandoned.JobGone", $"abandoned: Hangfire job {run.HangfireJobId} no longer exists and the run never finished");
        }

        if (state.Name != ProcessingState.StateName)
        {
            return StaffMessage.Of("Run.Abandoned.JobMoved", $"abandoned: the run never finished and Hangfire job {run.HangfireJobId} is {state.Name}");
        }

        if (!state.Data.TryGetValue("ServerId", out var serverId) || !liveServers.Contains(serverId))
        {
            return StaffMessage.Of("Run.Abandoned.WorkerStopped", $"abandoned: the worker running it stopped (no heartbeat)");
        }

        // Processing on a live server, but possibly a later execution: the one that wrote this row died and the job was
        // fetched again after the invisibility timeout.
        if (state.Data.TryGetValue("StartedAt", out var startedAt) && JobHelper.DeserializeNullableDateTime(startedAt) is { } executionStart
            && run.StartedAt.UtcDateTime < ToUtc(executionStart) - StartMargin)
        {
            return StaffMessage.Of("Run.Abandoned.StartedAgain", $"abandoned: the worker running it stopped (no heartbeat); Hangfire job {run.HangfireJobId} was started again");
        }

        return null;
    }

    private async Task<List<RunningRow>> RunningAsync(long exceptRunId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, job, hangfire_job_id, started_at FROM outreach.job_runs
            WHERE status = 'running' AND hangfire_job_id IS NOT NULL AND id <> $1
            ORDER BY id
            """);
        command.Parameters.AddWithValue(exceptRunId);
        var rows = new List<RunningRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RunningRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return rows;
    }

    private static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private sealed record RunningRow(long Id, string Job, string HangfireJobId, DateTimeOffset StartedAt);

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Jobs + 1, Level = LogLevel.Warning, Message = "Run {RunId} of {Job} (Hangfire job {JobId}) marked failed: {Reason}")]
        public static partial void RunAbandoned(ILogger logger, long runId, string job, string jobId, string reason);
    }
}
