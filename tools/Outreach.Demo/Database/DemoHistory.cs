using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Outreach.Demo.Communities;
using Outreach.Integrations.Communities;

namespace Outreach.Demo.Database;

/// <summary>
/// Gives a fresh demo database a past, so every staff page has something to show on the first visit: thirty nights of
/// roster syncs per community (with a refused snapshot and two failures a librarian can act on) and the daily
/// housekeeping. Every row's message starts with <see cref="Marker"/>; nothing is written once the hub has any run.
/// </summary>
internal sealed class DemoHistory(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const string Marker = "[demo history]";

    /// <summary>The job name the roster sync records its runs under (the worker's <c>sync</c> job).</summary>
    public const string RosterSyncJob = "sync";

    private const string HousekeepingJob = "housekeeping";
    private const int Nights = 30;
    private static readonly TimeSpan LibraryOffset = TimeSpan.FromHours(8);

    /// <returns>How many rows were written (0 when the hub already has runs).</returns>
    public async Task<int> SeedAsync(IReadOnlyList<DemoCommunity> communities, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var check = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM outreach.job_runs)", connection, transaction))
        {
            if ((bool)(await check.ExecuteScalarAsync(cancellationToken))!)
            {
                return 0;
            }
        }

        var rows = Build(communities);
        const string copy = "COPY outreach.job_runs (job, scope, started_at, finished_at, status, counts, progress, message) FROM STDIN (FORMAT BINARY)";
        await using (var import = await connection.BeginBinaryImportAsync(copy, cancellationToken))
        {
            foreach (var row in rows)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(row.Job, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(row.Scope, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(row.StartedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync(row.StartedAt + row.Duration, NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync(row.Status, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(JsonSerializer.Serialize(row.Counts), NpgsqlDbType.Jsonb, cancellationToken);
                await import.WriteAsync(row.Progress, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync($"{Marker} {row.Message}", NpgsqlDbType.Text, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    private List<PastRun> Build(IReadOnlyList<DemoCommunity> communities)
    {
        // A fixed seed: every fresh demo shows the same, believable past.
        var random = new Random(20261120);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(LibraryOffset).DateTime);
        var runs = new List<PastRun>();
        for (var night = Nights; night >= 1; night--)
        {
            var date = today.AddDays(-night);
            for (var i = 0; i < communities.Count; i++)
            {
                var community = communities[i];
                // The nightly sync at 01:30 library time, one community after another.
                var start = At(date, new TimeOnly(1, 30).AddMinutes(5 * i).Add(TimeSpan.FromSeconds(random.Next(0, 40))));
                runs.AddRange(NightOf(community, night, date, start, random));
            }

            runs.Add(new PastRun(HousekeepingJob, "all", At(date, new TimeOnly(4, 15)), TimeSpan.FromMilliseconds(random.Next(300, 1500)),
                "succeeded", new Dictionary<string, long> { ["schedule_slots_deleted"] = random.Next(4, 9), ["job_runs_deleted"] = 0 },
                100, "nightly housekeeping"));
        }

        return runs;
    }

    /// <summary>One community's sync in one night: mostly a quiet success, on three nights a failure to act on.</summary>
    private static IEnumerable<PastRun> NightOf(DemoCommunity community, int night, DateOnly date, DateTimeOffset start, Random random)
    {
        var duration = TimeSpan.FromSeconds(community.Kind == CommunityKind.Csv ? random.Next(25, 70) : random.Next(8, 30));
        switch (community.Code, night)
        {
            case ("GL01", 19):
                yield return new PastRun(RosterSyncJob, community.Code, start, TimeSpan.FromSeconds(1), "failed", [], 0,
                    "Community GL01's system refused the hub's token (401 Unauthorized): check Outreach:Communities:GL01:Token. " +
                    "Not retried; the token was corrected the next day.");
                yield break;
            case ("GL02", 4):
                yield return new PastRun(RosterSyncJob, community.Code, start, TimeSpan.FromMinutes(2), "failed", [], 10,
                    "Community GL02's system answered 503 Service Unavailable on 3 attempts in 2 minutes; Hangfire retried the run later.");
                yield return new PastRun(RosterSyncJob, community.Code, start.AddMinutes(31), duration, "succeeded",
                    SyncCounts(community, duration, random), 100, "nightly roster sync (retry after the 503s)");
                yield break;
            case ("GL03", 6):
                var withdrawn = community.Residents * 35 / 100;
                var nextFile = string.Create(CultureInfo.InvariantCulture, $"residents_GL03_{date.AddDays(1):yyyyMMdd}.csv");
                yield return new PastRun(RosterSyncJob, community.Code, start, duration, "refused",
                    new Dictionary<string, long> { ["would_withdraw"] = withdrawn }, 100,
                    $"Roster for GL03 refused: it would withdraw {withdrawn} of {community.Residents} cards (35 %), more than the 10 % " +
                    $"allowed, so it is most likely truncated. Nothing was changed. The complete {nextFile} arrived the next night.");
                yield break;
            default:
                yield return new PastRun(RosterSyncJob, community.Code, start, duration, "succeeded", SyncCounts(community, duration, random), 100,
                    "nightly roster sync");
                yield break;
        }
    }

    /// <summary>A rest community sends what changed since the last cursor; a csv community its whole roster.</summary>
    private static Dictionary<string, long> SyncCounts(DemoCommunity community, TimeSpan duration, Random random)
    {
        var read = community.Kind == CommunityKind.Csv ? community.Residents : random.Next(3, 45);
        var quarantined = community.Kind == CommunityKind.Csv ? community.BadRows : random.Next(0, 3);
        var applied = Math.Min(read - quarantined, random.Next(2, 30));
        var inserted = random.Next(0, Math.Max(1, applied / 3));
        return new Dictionary<string, long>
        {
            ["read"] = read,
            ["applied"] = applied,
            ["unchanged"] = read - quarantined - applied,
            ["quarantined"] = quarantined,
            ["withdrawn"] = random.Next(0, 3),
            ["inserted"] = inserted,
            ["updated"] = applied - inserted,
            ["cards_issued"] = random.Next(0, inserted + 1),
            ["seconds"] = (long)duration.TotalSeconds,
        };
    }

    private static DateTimeOffset At(DateOnly date, TimeOnly time) =>
        new DateTimeOffset(date.ToDateTime(time), LibraryOffset).ToUniversalTime();

    private sealed record PastRun(string Job, string Scope, DateTimeOffset StartedAt, TimeSpan Duration, string Status,
        Dictionary<string, long> Counts, int Progress, string Message);
}
