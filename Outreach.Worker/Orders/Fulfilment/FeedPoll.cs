using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Integrations.Bookstore;
using Outreach.Integrations.Logging;
using Outreach.Worker.Jobs;
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
    JobRunLog runs,
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

        var runId = await runs.StartAsync(JobName, "bookstore", cancellationToken);
        var started = clock.GetTimestamp();
        var total = ApplyOutcome.None;
        long pages = 0, from = 0, after = 0;
        try
        {
            from = after = await FeedCursor.ReadAsync(pollLock.Connection, cancellationToken);
            while (true)
            {
                var page = await bookstore.GetChangesAsync(after, cancellationToken);
                if (page.Changes.Count == 0)
                {
                    break;
                }

                var last = Math.Max(page.LastSeq, page.Changes.Max(c => c.Seq));
                await using (var transaction = await pollLock.Connection.BeginTransactionAsync(cancellationToken))
                {
                    total = total.Plus(await applier.ApplyAsync(pollLock.Connection, page.Changes, ChangeApplier.ViaFeed, cancellationToken));
                    await FeedCursor.SaveAsync(pollLock.Connection, last, clock.GetUtcNow(), cancellationToken);
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
                    await runs.ProgressAsync(runId, null, Counts(total, pages, from, after, started), cancellationToken);
                }
            }
        }
        catch (Exception failure)
        {
            var message = failure is OperationCanceledException
                ? "Cancelled (worker stopping); the next poll goes on from the last page applied."
                : $"{failure.Message} (applied up to seq {after})";
            await runs.FinishAsync(runId, RunStatus.Failed, Counts(total, pages, from, after, started), message, CancellationToken.None);
            if (failure is BookstoreException { Failure: BookstoreFailure.Configuration or BookstoreFailure.CircuitOpen })
            {
                throw new PermanentJobFailureException(failure.Message, failure);
            }

            throw;
        }

        var counts = Counts(total, pages, from, after, started);
        await runs.FinishAsync(runId, RunStatus.Succeeded, counts, after == from ? "The feed had nothing new." : $"Applied seq {from + 1} to {after}.",
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
