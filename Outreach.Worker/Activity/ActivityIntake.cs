using Outreach.Worker.Messages;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Time;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Activity;

/// <summary>
/// Takes a batch of activity records (an API call or a CSV file) into the ledger in one transaction, as an intake run
/// that staff see with its counts: each record checked, staged with a binary COPY and applied set-based. Sending the
/// same batch again adds nothing.
/// </summary>
public sealed partial class ActivityIntake(NpgsqlDataSource dataSource, JobRuns runs, LibraryCalendar library,
    IOptionsMonitor<ActivityOptions> options, ILogger<ActivityIntake> logger)
{
    public const string JobName = "activity";

    public Task<IntakeOutcome> IngestAsync(ActivityBatch batch, IAsyncEnumerable<ActivityRecord> records, CancellationToken cancellationToken) =>
        runs.RunAsync(new RunSubject(JobName, batch.Source) 
            {
                IfCancelled = StaffMessage.Of("Cancelled.NothingTakenIn", $"nothing was taken in"),
                FailureContext = StaffMessage.Of("Activity.NothingTakenIn", $"{batch.Name}: nothing was taken in"),
            },
            async run =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ActivityMonths.ShareLockAsync(connection, cancellationToken);
                await ActivityLedger.StageAsync(connection, CheckAsync(records, cancellationToken), cancellationToken);
                var outcome = await ActivityLedger.ApplyAsync(connection, batch, run.Id, library.Now, library.Zone.Id, cancellationToken);
                await run.SucceedAsync(outcome.Counts, Describe(batch, outcome), cancellationToken, transaction);
                await transaction.CommitAsync(cancellationToken);
                Log.Ingested(logger, batch.Source, batch.Channel, run.Id, outcome.Received, outcome.Accepted, outcome.Duplicates, outcome.Quarantined);
                return outcome;
            }, cancellationToken);

    public Task<IntakeOutcome> IngestAsync(ActivityBatch batch, IEnumerable<ActivityRecord> records, CancellationToken cancellationToken) =>
        IngestAsync(batch, records.ToAsyncEnumerable(), cancellationToken);

    private async IAsyncEnumerable<CheckedActivity> CheckAsync(IAsyncEnumerable<ActivityRecord> records, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var zone = library.Zone;
        var now = library.Now;
        var tolerance = options.CurrentValue.FutureTolerance;
        long row = 0;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            yield return CheckedActivity.Check(++row, record, zone, now, tolerance);
        }
    }

    private static StaffMessage Describe(ActivityBatch batch, IntakeOutcome outcome) => StaffMessage.Of("Activity.Ingested",
        $"{batch.Name}: {outcome.Received} received, {outcome.Accepted} accepted, {outcome.Duplicates} already counted, {outcome.Quarantined} quarantined, {outcome.AlreadyQuarantined} quarantined before");

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Activity + 1, Level = LogLevel.Information,
            Message = "Activity from {Source} ({Channel}), run {RunId}: {Received} received, {Accepted} accepted, {Duplicates} duplicates, {Quarantined} quarantined")]
        public static partial void Ingested(ILogger logger, string source, string channel, long runId, long received, long accepted, long duplicates, long quarantined);
    }
}
