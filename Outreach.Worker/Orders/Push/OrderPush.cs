using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Bookstore;
using Outreach.Integrations.Logging;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;
using Outreach.Worker.Orders.Notices;

namespace Outreach.Worker.Orders.Push;

/// <summary>
/// Pushes every pending order to the bookstore, a bounded number at a time, each with its order_ref as the
/// Idempotency-Key and its answer committed on its own. A crash after the bookstore's 201 and before the commit leaves
/// the order pending; the next push gets 200 with the same order, so the bookstore never holds it twice. A 422 ends the
/// order with its reason; a transient failure (already retried by the resilience pipeline) leaves it pending for the
/// next run; an open circuit or a refused token stops the run at once and fails the job with a message for staff.
/// </summary>
public sealed partial class OrderPush(
    IOrderPushStore store,
    IBookstore bookstore,
    JobRuns runs,
    NoticeEnqueuer notices,
    IOptionsMonitor<OrdersOptions> options,
    TimeProvider clock,
    ILogger<OrderPush> logger)
{
    public const string JobName = "orders-push";

    /// <returns>The run's counts; empty when another worker is pushing right now.</returns>
    public async Task<IReadOnlyDictionary<string, long>> RunAsync(CancellationToken cancellationToken)
    {
        await using var pushLock = await store.TryLockAsync(cancellationToken);
        if (pushLock is null)
        {
            Log.AlreadyPushing(logger);
            return new Dictionary<string, long>();
        }

        return await runs.RunAsync(new RunSubject(JobName, "bookstore") { IfCancelled = StaffMessage.Of("Cancelled.OrdersStayPending", $"orders not yet answered stay pending for the next run") },
            run => PushAsync(run, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, long>> PushAsync(RunScope run, CancellationToken cancellationToken)
    {
        var tally = new Tally(await store.PendingCountAsync(cancellationToken), clock.GetTimestamp());
        run.CountWith(() => tally.Counts(clock));
        var settings = options.CurrentValue;
        BookstoreException? halt = null;
        long afterId = 0;
        while (halt is null)
        {
            var batch = await store.PendingAsync(afterId, settings.PushBatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            afterId = batch[^1].Id;
            halt = await PushBatchAsync(batch, settings.PushConcurrency, tally, cancellationToken);
            await run.ProgressAsync(tally.Percent, cancellationToken);
        }

        if (tally.Rejected > 0)
        {
            notices.Enqueue();
        }

        Log.Pushed(logger, tally.Accepted, tally.Rejected, tally.Failed, tally.Transient);
        if (halt is not null)
        {
            throw new PermanentJobFailureException(StaffMessage.Of("Push.Halted",
                $"{halt.Message}. {tally.Summary()} Orders not pushed stay pending: they go with the next run, or retry this job once the bookstore is back."), halt);
        }

        if (tally.Transient > 0)
        {
            throw run.Incomplete(new RunIncompleteException(StaffMessage.Of("Push.ToRetry",
                $"{tally.Transient} order(s) could not be pushed this time (first: {tally.FirstError}). {tally.Summary()} They stay pending and are retried.")));
        }

        var counts = tally.Counts(clock);
        await run.SucceedAsync(counts, tally.Summary(), cancellationToken);
        return counts;
    }

    /// <returns>The failure that must stop the run (circuit open, configuration), or null.</returns>
    private async Task<BookstoreException?> PushBatchAsync(IReadOnlyList<PendingOrder> batch, int concurrency, Tally tally, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        BookstoreException? halt = null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(batch, parallel, async (order, token) =>
            {
                PushResult result;
                try
                {
                    result = await bookstore.PushOrderAsync(order.ToWire(), token);
                }
                catch (BookstoreException stopping) when (stopping.Failure is BookstoreFailure.CircuitOpen or BookstoreFailure.Configuration)
                {
                    Interlocked.CompareExchange(ref halt, stopping, null);
                    await stop.CancelAsync();
                    return;
                }
                catch (BookstoreException transient)
                {
                    // Answers are recorded with the job's token: a stop of the batch must not lose what the bookstore said.
                    switch (await store.TransientAsync(order, transient.Message, cancellationToken))
                    {
                        case OrderStatus.Pending:
                            tally.CountTransient(transient.Message);
                            break;
                        case OrderStatus.Failed:
                            tally.Count(PushOutcome.NotAccepted);
                            break;
                        default:
                            tally.CountOvertaken();
                            break;
                    }

                    return;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                if (await store.RecordAsync(order, result, cancellationToken))
                {
                    tally.Count(result.Outcome);
                }
                else
                {
                    tally.CountOvertaken();
                }
            });
        }
        catch (OperationCanceledException) when (halt is not null && !cancellationToken.IsCancellationRequested)
        {
        }

        return halt;
    }

    /// <summary>The run's counts, updated from the parallel pushes.</summary>
    private sealed class Tally(long pending, long started)
    {
        private long _created;
        private long _alreadyHeld;
        private long _rejected;
        private long _failed;
        private long _transient;
        private long _overtaken;
        private string? _firstError;

        public long Accepted => Interlocked.Read(ref _created) + Interlocked.Read(ref _alreadyHeld);

        public long Rejected => Interlocked.Read(ref _rejected);

        public long Failed => Interlocked.Read(ref _failed);

        public long Transient => Interlocked.Read(ref _transient);

        public string? FirstError => Volatile.Read(ref _firstError);

        private long Done => Accepted + Rejected + Failed + Transient + Interlocked.Read(ref _overtaken);

        public int? Percent => pending == 0 ? 100 : (int)Math.Min(100, Done * 100 / pending);

        public void Count(PushOutcome outcome)
        {
            switch (outcome)
            {
                case PushOutcome.Created:
                    Interlocked.Increment(ref _created);
                    break;
                case PushOutcome.AlreadyHeld:
                    Interlocked.Increment(ref _alreadyHeld);
                    break;
                case PushOutcome.Rejected:
                    Interlocked.Increment(ref _rejected);
                    break;
                default:
                    Interlocked.Increment(ref _failed);
                    break;
            }
        }

        public void CountTransient(string error)
        {
            Interlocked.Increment(ref _transient);
            Interlocked.CompareExchange(ref _firstError, error, null);
        }

        public void CountOvertaken() => Interlocked.Increment(ref _overtaken);

        public StaffMessage Summary() => StaffMessage.Of("Push.Summary",
            $"Of {pending} pending: {Accepted} accepted ({Interlocked.Read(ref _alreadyHeld)} already held by the bookstore), {Rejected} rejected, {Failed} failed, {Transient} to retry.");

        public Dictionary<string, long> Counts(TimeProvider clock) => new()
        {
            ["pending"] = pending,
            ["created"] = Interlocked.Read(ref _created),
            ["already_held"] = Interlocked.Read(ref _alreadyHeld),
            ["rejected"] = Rejected,
            ["failed"] = Failed,
            ["to_retry"] = Transient,
            ["overtaken_by_feed"] = Interlocked.Read(ref _overtaken),
            ["seconds"] = (long)clock.GetElapsedTime(started).TotalSeconds,
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Orders + 31, Level = LogLevel.Information, Message = "Bookstore push: {Accepted} accepted, {Rejected} rejected, {Failed} failed, {Transient} to retry")]
        public static partial void Pushed(ILogger logger, long accepted, long rejected, long failed, long transient);

        [LoggerMessage(EventId = LogEvents.Orders + 32, Level = LogLevel.Information, Message = "Bookstore push: another worker is pushing; this run does nothing")]
        public static partial void AlreadyPushing(ILogger logger);
    }
}
