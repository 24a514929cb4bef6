using Outreach.Worker.Messages;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Time;
using Outreach.Worker.Audit;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Privacy;

/// <summary>
/// The retention job (<c>run retention</c>, nightly): erases the personal fields of readers no longer on a roster whose
/// card was withdrawn more than Outreach:Privacy:RetentionDays ago (or who never had a card and have not changed for as
/// long), a batch per transaction with one audit entry each; then scrubs the resident id from card statuses sent for
/// erased readers since. Running it again erases nobody twice.
/// </summary>
public sealed partial class RetentionJob(NpgsqlDataSource dataSource, Erasure erasure, AuditTrail audit, JobRuns runs, LibraryCalendar calendar,
    IOptionsMonitor<PrivacyOptions> options, ILogger<RetentionJob> logger)
{
    public const string Name = "retention";

    private const string DueSql = """
        SELECT r.id FROM outreach.readers r
        WHERE r.erased_at IS NULL AND r.status <> 'active'
          AND (EXISTS (SELECT 1 FROM outreach.cards c WHERE c.reader_id = r.id AND c.status = 'withdrawn' AND c.withdrawn_on < $1)
               OR (NOT EXISTS (SELECT 1 FROM outreach.cards c WHERE c.reader_id = r.id) AND r.updated_at < $2))
        ORDER BY r.id
        LIMIT $3
        """;

    // Card statuses still owed when a reader was erased keep the community's resident id until they are sent; afterwards it goes too.
    private const string ScrubSentSql = """
        UPDATE outreach.card_status_outbox o SET resident_id = 'erased-' || r.id
        FROM outreach.cards c JOIN outreach.readers r ON r.id = c.reader_id
        WHERE o.card_number = c.card_number AND r.erased_at IS NOT NULL AND o.sent_at IS NOT NULL AND o.resident_id NOT LIKE 'erased-%'
        """;

    public Task RunAsync(CancellationToken cancellationToken) =>
        runs.RunAsync(new RunSubject(Name, "all") { IfCancelled = StaffMessage.Of("Cancelled.ErasedStay", $"the readers erased so far stay erased, the rest follow next time") },
            run => EraseDueAsync(run, cancellationToken), cancellationToken);

    private async Task EraseDueAsync(RunScope run, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var cutoffDay = calendar.Today.AddDays(-settings.RetentionDays);
        var cutoff = calendar.StartOf(cutoffDay).ToUniversalTime();
        long erased = 0, batches = 0;
        run.CountWith(() => new Dictionary<string, long> { ["erased"] = erased, ["batches"] = batches });
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var due = new List<long>();
            await using (var find = new NpgsqlCommand(DueSql, connection, transaction))
            {
                find.Parameters.AddWithValue(cutoffDay);
                find.Parameters.AddWithValue(cutoff);
                find.Parameters.AddWithValue(settings.RetentionBatchSize);
                await using var reader = await find.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    due.Add(reader.GetInt64(0));
                }
            }

            if (due.Count == 0)
            {
                break;
            }

            var receipts = await erasure.EraseAsync(connection, transaction, due, ErasureReasons.Retention, AuditActor.Hub, cancellationToken);
            await audit.AppendAsync(connection, transaction, AuditActor.Hub, new AuditEntry(AuditActions.RetentionErased, null, new Dictionary<string, string>
            {
                ["readers"] = receipts.Count.ToString(CultureInfo.InvariantCulture),
                ["first_receipt"] = receipts[0].Receipt,
                ["last_receipt"] = receipts[^1].Receipt,
                ["withdrawn_before"] = cutoffDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            erased += receipts.Count;
            batches++;
            await run.ProgressAsync(null, cancellationToken);
        }

        long scrubbed;
        await using (var scrub = dataSource.CreateCommand(ScrubSentSql))
        {
            scrubbed = await scrub.ExecuteNonQueryAsync(cancellationToken);
        }

        Log.Erased(logger, erased, settings.RetentionDays);
        await run.SucceedAsync(new Dictionary<string, long> { ["erased"] = erased, ["batches"] = batches, ["card_statuses_scrubbed"] = scrubbed },
            StaffMessage.Of("Retention.Erased", $"{erased} reader(s) erased: card withdrawn (or no card and no change) before {cutoffDay:yyyy-MM-dd}."),
            cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Privacy + 1, Level = LogLevel.Information, Message = "Retention: {Erased} reader(s) erased ({RetentionDays} days after their card was withdrawn)")]
        public static partial void Erased(ILogger logger, long erased, int retentionDays);
    }
}
