using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Outreach.Integrations.Bookstore;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;
using Outreach.Worker.Orders;
using Outreach.Worker.Orders.Notices;
using Outreach.Worker.Orders.Push;
using Outreach.Worker.Tests.Jobs;

namespace Outreach.Worker.Tests.Orders;

/// <summary>The push with its ports substituted: the order book, the bookstore, the run log and Hangfire's client.</summary>
public sealed class OrderPushTests
{
    private const long RunId = 7;
    private static readonly PendingOrder First = Order(1);
    private static readonly PendingOrder Second = Order(2);
    private static readonly PendingOrder Third = Order(3);

    private readonly IOrderPushStore _store = Substitute.For<IOrderPushStore>();
    private readonly IBookstore _bookstore = Substitute.For<IBookstore>();
    private readonly IRunLog _runs = Substitute.For<IRunLog>();
    private readonly IBackgroundJobClient _hangfire = Substitute.For<IBackgroundJobClient>();
    private readonly OrderPush _push;

    public OrderPushTests()
    {
        _store.TryLockAsync(Arg.Any<CancellationToken>()).Returns(Substitute.For<IAsyncDisposable>());
        _store.PendingCountAsync(Arg.Any<CancellationToken>()).Returns(3);
        _store.PendingAsync(0, 2, Arg.Any<CancellationToken>()).Returns([First, Second]);
        _store.PendingAsync(2, 2, Arg.Any<CancellationToken>()).Returns([Third]);
        _store.PendingAsync(3, 2, Arg.Any<CancellationToken>()).Returns([]);
        _store.RecordAsync(Arg.Any<PendingOrder>(), Arg.Any<PushResult>(), Arg.Any<CancellationToken>()).Returns(true);
        _runs.StartAsync(OrderPush.JobName, "bookstore", Arg.Any<CancellationToken>()).Returns(RunId);
        var options = Substitute.For<IOptionsMonitor<OrdersOptions>>();
        options.CurrentValue.Returns(new OrdersOptions { PushBatchSize = 2, PushConcurrency = 1 });
        _push = new OrderPush(_store, _bookstore, new JobRuns(_runs, NullLogger<JobRuns>.Instance), new NoticeEnqueuer(_hangfire), options,
            TimeProvider.System, NullLogger<OrderPush>.Instance);
    }

    [Fact]
    public async Task Every_pending_order_is_pushed_under_its_order_ref_its_answer_recorded_and_a_rejection_noticed()
    {
        Answer(First, PushResult.Accepted(201, "XH-1"));
        Answer(Second, PushResult.Accepted(200, "XH-2"));
        Answer(Third, PushResult.Rejected("invalid_isbn"));

        var counts = await _push.RunAsync(CancellationToken.None);

        Assert.Equal((3L, 1L, 1L, 1L, 0L), (counts["pending"], counts["created"], counts["already_held"], counts["rejected"], counts["to_retry"]));
        await _bookstore.Received(1).PushOrderAsync(Arg.Is<BookstoreOrder>(o => o.OrderRef == Third.OrderRef), Arg.Any<CancellationToken>());
        await _store.Received(3).RecordAsync(Arg.Any<PendingOrder>(), Arg.Any<PushResult>(), Arg.Any<CancellationToken>());
        await _runs.Received(1).FinishAsync(RunId, RunStatus.Succeeded, counts, Arg.Is<StaffMessage?>(m => m != null && m.English.StartsWith("Of 3 pending: 2 accepted", StringComparison.Ordinal)),
            Arg.Any<CancellationToken>(), null);
        _hangfire.Received(1).Create(Arg.Is<Job>(job => job.Type == typeof(ReaderNoticeJob)), Arg.Any<IState>());
    }

    [Fact]
    public async Task An_open_circuit_stops_the_push_at_once_and_goes_straight_to_failed_with_the_orders_left_pending()
    {
        _bookstore.PushOrderAsync(Arg.Any<BookstoreOrder>(), Arg.Any<CancellationToken>())
            .Throws(new BookstoreException(BookstoreFailure.CircuitOpen, "The bookstore failed repeatedly (circuit open), when pushing an order"));

        var failure = await Assert.ThrowsAsync<PermanentJobFailureException>(() => _push.RunAsync(CancellationToken.None));

        Assert.StartsWith("The bookstore failed repeatedly (circuit open), when pushing an order. Of 3 pending: 0 accepted", failure.Message, StringComparison.Ordinal);
        await _bookstore.Received(1).PushOrderAsync(Arg.Any<BookstoreOrder>(), Arg.Any<CancellationToken>());
        await _store.DidNotReceiveWithAnyArgs().RecordAsync(default!, default!, default);
        await _store.DidNotReceiveWithAnyArgs().TransientAsync(default!, default!, default);
        await _runs.Received(1).FinishAsync(RunId, RunStatus.Failed, Arg.Any<IReadOnlyDictionary<string, long>>(), Said.English(failure.Message), CancellationToken.None, null);
    }

    [Fact]
    public async Task A_push_that_does_not_get_through_leaves_the_order_pending_and_fails_the_run_for_hangfire_to_retry()
    {
        Answer(First, PushResult.Accepted(201, "XH-1"));
        _bookstore.PushOrderAsync(Arg.Is<BookstoreOrder>(o => o.OrderRef == Second.OrderRef), Arg.Any<CancellationToken>())
            .Throws(new BookstoreException(BookstoreFailure.Transient, "The bookstore answered 503 (ServiceUnavailable) when pushing an order, after retries"));
        _store.TransientAsync(Second, Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(OrderStatus.Pending);
        Answer(Third, PushResult.Accepted(201, "XH-3"));

        var failure = await Assert.ThrowsAsync<RunIncompleteException>(() => _push.RunAsync(CancellationToken.None));

        Assert.StartsWith("1 order(s) could not be pushed this time (first: The bookstore answered 503", failure.Message, StringComparison.Ordinal);
        await _runs.Received(1).FinishAsync(RunId, RunStatus.Failed, Arg.Is<IReadOnlyDictionary<string, long>>(c => c["to_retry"] == 1 && c["created"] == 2),
            Said.English(failure.Message), CancellationToken.None, null);
        _hangfire.DidNotReceiveWithAnyArgs().Create(default!, default!);
    }

    [Fact]
    public async Task While_another_worker_pushes_a_run_does_nothing_and_writes_no_run()
    {
        _store.TryLockAsync(Arg.Any<CancellationToken>()).Returns((IAsyncDisposable?)null);

        Assert.Empty(await _push.RunAsync(CancellationToken.None));

        await _runs.DidNotReceiveWithAnyArgs().StartAsync(default!, default!, default);
        await _bookstore.DidNotReceiveWithAnyArgs().PushOrderAsync(default!, default);
    }

    private void Answer(PendingOrder order, PushResult result) =>
        _bookstore.PushOrderAsync(Arg.Is<BookstoreOrder>(o => o.OrderRef == order.OrderRef), Arg.Any<CancellationToken>()).Returns(result);

    private static PendingOrder Order(long id) =>
        new(id, $"OR-2026-{id:000000}", "9787020002207", "红楼梦", 1, "library_desk", null, "ZB000000011", "SOC-2026", 0);
}
