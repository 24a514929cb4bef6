using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Integrations.Logging;

namespace Outreach.Worker.Telemetry;

/// <summary>
/// Turns the counts of the run rows a Hangfire execution finished (outreach.job_runs) into metrics, so a roster sync's
/// rows read, applied and quarantined are counted without the sync knowing about metrics. Runs inside Hangfire's
/// performed filter: it never throws, since a failure here must not fail the job.
/// </summary>
internal sealed partial class RunCountsRecorder(NpgsqlDataSource dataSource, OutreachMetrics metrics, ILogger<RunCountsRecorder> logger)
{
    // Elapsed time is shown on the runs page; as a count it would only add up seconds.
    private static readonly HashSet<string> NotCounted = new(StringComparer.Ordinal) { "seconds" };

    public void Record(string hangfireJobId, DateTimeOffset performingSince)
    {
        try
        {
            // A run row starts after the execution did; the margin covers the database's microsecond rounding.
            using var command = dataSource.CreateCommand("""
                SELECT job, scope, counts::text FROM outreach.job_runs
                WHERE hangfire_job_id = $1 AND started_at >= $2 AND finished_at IS NOT NULL
                """);
            command.CommandTimeout = 5;
            command.Parameters.AddWithValue(hangfireJobId);
            command.Parameters.AddWithValue(performingSince - TimeSpan.FromMilliseconds(1));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                Count(reader.GetString(0), reader.GetString(1), reader.GetString(2));
            }
        }
        catch (Exception failure) when (failure is NpgsqlException or JsonException or InvalidOperationException or TimeoutException)
        {
            Log.CountsNotRecorded(logger, hangfireJobId, failure.GetType().Name);
        }
    }

    private void Count(string job, string scope, string countsJson)
    {
        using var counts = JsonDocument.Parse(countsJson);
        if (counts.RootElement.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var count in counts.RootElement.EnumerateObject())
        {
            if (!NotCounted.Contains(count.Name) && count.Value.ValueKind == JsonValueKind.Number && count.Value.TryGetInt64(out var value) && value > 0)
            {
                metrics.RunCounted(job, scope, count.Name, value);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Telemetry + 2, Level = LogLevel.Warning,
            Message = "The run counts of Hangfire job {JobId} were not added to the metrics ({Failure}); the job itself is unaffected")]
        public static partial void CountsNotRecorded(ILogger logger, string jobId, string failure);
    }
}
