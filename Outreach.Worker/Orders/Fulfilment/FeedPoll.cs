using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Integrations.Bookstore;
using Outreach.Integrations.Logging;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;
using Outreach.Worker.Orders.Notices;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Orders.Fulfilment;

/// <summary>
/// Reads the bookstore's changes feed from the last applied seq to its end, a page per transaction: the page's
/// changes and the new cursor commit together, so a crash re-reads at most one page, and its changes are then
/// duplicates the ledger skips. One poll at a time across all workers.
/// </summary>
public sealed partial class FeedPoll(
    NpgsqlDataSource dataSource,
    IBookstore bookstore,
    ChangeApplier applier,
    JobRuns runs,
    NoticeEnqueuer notices,
    TimeProvider clock,
    ILogger<FeedPoll> logger)
{
    public const string JobName = "orders-poll";
    private const int ProgressEveryPages = 25;

    /// <returns>The run's counts; empty when another worker is polling right now.</returns>
    public async Task<IReadOnlyDictionary<string, long>> RunAsync(CancellationToken cancellationToken)
    {
        await using var pollLock = await AdvisoryLock.TryAcquireAsync(dataSource, JobName, cancellationToken);
        if (pollLock is null)
        {
            Log.AlreadyPolling(logger);
            return new Dictionary<string, long>();
        }

        return await runs.RunAsync(new RunSubject(JobName, "bookstore") { IfCancelled = StaffMessage.Of("Cancelled.NextPollGoesOn", $"the next poll goes on from the last page applied") },
            run => PollAsync(pollLock.Connection, run, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, long>> PollAsync(NpgsqlConnection connection, RunScope run, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var total = ApplyOutcome.None;
        long pages = 0, from = 0, after = 0;
        run.CountWith(() => Counts(total, pages, from, after, started));
        from = after = await FeedCursor.ReadAsync(connection, cancellationToken);
        while (true)
        {
            var page = await bookstore.GetChangesAsync(after, cancellationToken);
            if (page.Changes.Count == 0)
            {
                break;
            }

            var last = Math.Max(page.LastSeq, page.Changes.Max(c => c.Seq));
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                total = total.Plus(await applier.ApplyAsync(connection, page.Changes, ChangeApplier.ViaFeed, cancellationToken));
                await FeedCursor.SaveAsync(connection, last, clock.GetUtcNow(), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            pages++;
            if (last <= after)
            {
                throw new BookstoreException(BookstoreFailure.Unreadable, $"The bookstore's feed does not move on after seq {after}; its paging is stuck.");
            }

            after = last;
            if (pages % ProgressEveryPages == 0)
            {
                await run.ProgressAsync(null, cancellationToken);
            }
        }

        var counts = run.Counts;
        await run.SucceedAsync(counts,
            after == from ? StaffMessage.Of("Feed.NothingNew", $"The feed had nothing new.") : StaffMessage.Of("Feed.Applied", $"Applied seq {from + 1} to {after}."),
            cancellationToken);
        Log.Polled(logger, total.Received, total.Moved, total.Kept, after);
        if (total.Notices > 0)
        {
            notices.Enqueue();
        }

        return counts;
    }

    private Dictionary<string, long> Counts(ApplyOutcome total, long pages, long from, long after, long started) => new()
    {
        ["pages"] = pages,
        ["read"] = total.Received,
        ["duplicates"] = total.Duplicates,
        ["applied"] = total.Moved,
        ["kept_in_history"] = total.Kept,
        ["unknown_orders"] = total.UnknownOrders,
        ["notices"] = total.Notices,
        ["from_seq"] = from,
        ["last_seq"] = after,
        ["seconds"] = (long)clock.GetElapsedTime(started).TotalSeconds,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Orders + 11, Level = LogLevel.Information, Message = "Bookstore feed: read {Read}, moved {Moved}, kept in history {Kept}; now at seq {LastSeq}")]
        public static partial void Polled(ILogger logger, long read, long moved, long kept, long lastSeq);

        [LoggerMessage(EventId = LogEvents.Orders + 12, Level = LogLevel.Information, Message = "Bookstore feed: another worker is polling; this run does nothing")]
        public static partial void AlreadyPolling(ILogger logger);
    }
}
