using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Communities;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Time;
using Outreach.Worker.Communities;
using Outreach.Worker.Digests.Consent;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;
using Outreach.Worker.Readers.Cards;
using Outreach.Worker.Readers.HashKeys;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Readers.Sync;

/// <summary>
/// One community's roster sync: read the roster (streamed), stage it, apply it in one transaction together with
/// the run row and the incremental cursor, acknowledge the roster, then have the card statuses pushed back.
/// A crash at any point leaves either the whole run or nothing; running again is harmless.
/// </summary>
public sealed partial class RosterSync(
    NpgsqlDataSource dataSource,
    ICommunityDirectory directory,
    IOptionsMonitor<CommunitiesOptions> communities,
    IOptionsMonitor<CommunityCatalogOptions> catalog,
    RosterStager stager,
    HashKeyLedger hashKeys,
    JobRuns runs,
    CardStatusPushEnqueuer pushes,
    LibraryCalendar library,
    TimeProvider clock,
    ILogger<RosterSync> logger)
{
    public const string JobName = "sync";

    public async Task<IReadOnlyDictionary<string, long>> RunAsync(string communityCode, CancellationToken cancellationToken)
    {
        var (community, policy) = communities.CurrentValue.Communities.TryGetValue(communityCode, out var found)
            && catalog.CurrentValue.Communities.TryGetValue(communityCode, out var entry)
            ? (found, entry)
            : throw new PermanentJobFailureException(StaffMessage.Of("Community.NotConfigured", $"Community {communityCode} is not configured ({("Outreach:Communities:" + communityCode)})."));

        // Two workers, or a retry next to a staff requeue, sync one community one at a time.
        await using var runLock = await AdvisoryLock.AcquireAsync(dataSource, "roster-sync:" + community.Code, cancellationToken);
        return await runs.RunAsync(new RunSubject(JobName, community.Code), async run =>
        {
            var counts = await SyncAsync(runLock.Connection, community, policy, run, cancellationToken);
            var (read, applied, quarantined) = (counts.GetValueOrDefault("read"), counts.GetValueOrDefault("applied"), counts.GetValueOrDefault("quarantined"));
            Log.Synced(logger, community.Code, run.Id, read, applied, quarantined);
            return counts;
        }, cancellationToken);
    }

    // The run's transaction goes on the connection that holds the community's lock: it sits idle for the whole run otherwise.
    private async Task<IReadOnlyDictionary<string, long>> SyncAsync(NpgsqlConnection connection, CommunityOptions community, CommunityEntry policy, RunScope run,
        CancellationToken cancellationToken)
    {
        // Before anything is read: a host whose hash key did not make the registry's hashes would match no resident.
        await hashKeys.PrepareAsync(cancellationToken);
        var cursor = await CursorAsync(connection, community.Code, cancellationToken);
        await using var roster = await directory.OpenRosterAsync(community.Code, cursor, cancellationToken);
        if (roster is null)
        {
            var nothing = new Dictionary<string, long> { ["read"] = 0 };
            await run.SucceedAsync(nothing, StaffMessage.Of("Sync.NoNewRoster", $"No new roster: nothing to do."), cancellationToken);
            return nothing;
        }

        var started = clock.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var keys = await hashKeys.HoldAsync(connection, cancellationToken);
        var staged = await stager.StageAsync(connection, community.Code, community.Kind, keys.PreviousId is not null, roster.ReadAsync(cancellationToken),
            read => run.ProgressAsync(null, new Dictionary<string, long> { ["read"] = read }, cancellationToken), cancellationToken);

        var now = clock.GetUtcNow();
        var outcome = await RosterApplier.ApplyAsync(connection, new ApplyContext(community.Code, run.Id, now,
            library.DateOf(now), roster.IsFullSnapshot, roster.Source,
            policy.MaxWithdrawalShare, staged, keys), cancellationToken);
        // What the roster says about mail consent goes into the consent record with the run that brought it.
        await MailConsents.RecordRosterAsync(connection, transaction, community.Code, run.Id, now, cancellationToken);

        await SaveCursorAsync(connection, transaction, community.Code, roster.NextCursor, run.Id, now, cancellationToken);
        var counts = new Dictionary<string, long>
        {
            ["read"] = staged.Read,
            ["applied"] = outcome.Applied,
            ["unchanged"] = outcome.Unchanged,
            ["quarantined"] = outcome.Quarantined,
            ["withdrawn"] = outcome.CardsWithdrawn,
            ["inserted"] = outcome.Inserted,
            ["updated"] = outcome.Updated,
            ["moved"] = outcome.Moved,
            ["missing"] = outcome.MissingWithdrawn,
            ["cards_issued"] = outcome.CardsIssued,
            ["cards_reactivated"] = outcome.CardsReactivated,
            ["warnings"] = staged.Warnings,
            ["seconds"] = (long)clock.GetElapsedTime(started).TotalSeconds,
        };
        if (keys.PreviousId is { } previous)
        {
            // The rotation's progress, for staff: hashes rewritten by this run, and those the previous key still made.
            counts["rehashed"] = outcome.Rehashed;
            counts["old_key_remaining"] = await hashKeys.CountRemainingAsync(connection, previous, cancellationToken);
        }

        var source = roster.IsFullSnapshot
            ? StaffMessage.Of("Sync.FullSnapshot", $"Full snapshot from {roster.Source}")
            : StaffMessage.Of("Sync.Changes", $"Changes since the last run from {roster.Source}");
        await run.SucceedAsync(counts, source, cancellationToken, transaction);
        await transaction.CommitAsync(cancellationToken);

        // After the commit: a crash before this line re-reads the same roster next time, and finds it unchanged.
        await roster.AcknowledgeAsync(cancellationToken);
        if (outcome.CardsIssued + outcome.CardsWithdrawn + outcome.CardsReactivated + outcome.Moved > 0)
        {
            pushes.Enqueue(community.Code);
        }

        return counts;
    }

    private static async Task<string?> CursorAsync(NpgsqlConnection connection, string community, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT cursor FROM outreach.sync_state WHERE community = $1", connection);
        command.Parameters.AddWithValue(community);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task SaveCursorAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string community, string? cursor,
        long runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO outreach.sync_state (community, cursor, last_run_id, last_success_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (community) DO UPDATE SET cursor = coalesce(EXCLUDED.cursor, outreach.sync_state.cursor),
                last_run_id = EXCLUDED.last_run_id, last_success_at = EXCLUDED.last_success_at
            """, connection, transaction);
        command.Parameters.AddWithValue(community);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)cursor ?? DBNull.Value);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.RosterSync + 1, Level = LogLevel.Information,
            Message = "Roster sync {Community} run {RunId}: read {Read}, applied {Applied}, quarantined {Quarantined}")]
        public static partial void Synced(ILogger logger, string community, long runId, long read, long applied, long quarantined);
    }
}
