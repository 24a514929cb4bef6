using System.Globalization;
using System.Text.Json;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Sandbox.Bookstore;
using Outreach.Testing;
using Outreach.Worker.Orders.Push;

namespace Outreach.EndToEnd.Tests.Crashes;

/// <summary>
/// A worker process killed (SIGKILL) while it pushes book orders to the bookstore, and a restarted one that finishes the
/// push. Each order goes out under its order_ref as the Idempotency-Key and its answer is committed on its own, so an order
/// the bookstore took whose answer the kill lost is pushed again, answered 200 with the same order, and placed once.
/// </summary>
public sealed class OrderPushCrashTests : IAsyncLifetime
{
    private const string Community = "GL01";
    private const int Orders = 2_000;
    private const int PushConcurrency = 8;
    private const int PlacedBeforeKill = 100;

    // The bookstore stores each order and then holds its answer back: the push lanes spend nearly all their time with an
    // order the bookstore holds and the hub has not recorded, which is where the kill must find some. It also keeps the
    // first run going for a minute, so the kill lands early in it.
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromMilliseconds(250);

    private static readonly (string Isbn, string Title)[] Books =
        [("9787020002207", "红楼梦"), ("9787020008728", "三国演义"), ("9787506365437", "活着"), ("9787536692930", "三体")];

    private HubWorld _world = null!;

    public async Task InitializeAsync() => _world = await HubWorld.StartAsync("ordercrash", ProcessWorld.Options());

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_worker_killed_during_an_order_push_leaves_it_to_the_restarted_worker_and_the_bookstore_holds_every_order_once()
    {
        await SeededReaders.AddAsync(_world, Community, Orders);
        await AddPendingOrdersAsync();
        var bookstore = _world.Sandbox.Bookstore;
        _world.Sandbox.Faults.Add(BookstoreFaults.DelayAfterAccept(SlowAnswer));
        await using var first = WorkerProcess.Start("orders-first", WorkerSettings());
        await HangfireServers.WaitUntilServingAsync(_world, first);
        var jobId = _world.Enqueue(OrderPush.JobName);
        await Eventually.HoldsAsync(() => Task.FromResult(bookstore.OrderCount), held => held >= PlacedBeforeKill, TimeSpan.FromSeconds(90),
            $"{PlacedBeforeKill} orders placed with the bookstore");

        await first.KillAsync();
        _world.Sandbox.Faults.Clear();
        Assert.Equal("Processing", _world.StateOf(jobId));
        Assert.InRange(bookstore.OrderCount, PlacedBeforeKill, Orders - 1);
        Assert.True(await _world.CountAsync("SELECT count(*) FROM outreach.book_orders WHERE status = 'pending'") > 0,
            "the killed run left no orders for the restarted one");
        await using var restarted = WorkerProcess.Start("orders-restarted", WorkerSettings());
        await _world.WaitForStateAsync(jobId, "Succeeded", TimeSpan.FromMinutes(3));

        Assert.Equal([first.Id, restarted.Id], await HangfireServers.ProcessesThatRanAsync(_world, jobId));
        // Every order placed once: the bookstore holds one order per order_ref, and the hub records that order as accepted.
        var placed = bookstore.Orders.ToDictionary(o => o.Body.OrderRef!, StringComparer.Ordinal);
        var recorded = await RecordedAsync();
        Assert.Equal(Orders, recorded.Count);
        Assert.Equal(recorded.Keys.Order(StringComparer.Ordinal), placed.Keys.Order(StringComparer.Ordinal));
        Assert.All(recorded, order => Assert.Equal(("accepted", placed[order.Key].OrderId), order.Value));
        Assert.Equal(Orders, placed.Values.Select(o => o.OrderId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Orders, await _world.CountAsync("""
            SELECT count(*) FROM (
                SELECT order_id FROM outreach.book_order_events GROUP BY order_id
                HAVING string_agg(kind || ' ' || coalesce(from_status, '') || '→' || to_status, ', ' ORDER BY id) = 'received →pending, pushed pending→accepted') AS h
            """));

        // The orders the kill caught between the bookstore's commit and the hub's were asked for a second time, by the
        // restarted run, which found them already held: at least one (the slow answers make sure), at most one per push lane.
        var rerun = await RerunAsync();
        var replayed = placed.Values.Where(o => o.Requests > 1).ToList();
        Assert.All(placed.Values, o => Assert.InRange(o.Requests, 1, 2));
        Assert.InRange(replayed.Count, 1, PushConcurrency);
        Assert.Equal(replayed.Count, rerun.Counts["already_held"]);
        Assert.All(replayed, o => Assert.True(o.CreatedAt < rerun.StartedAt, $"{o.Body.OrderRef} was first placed by the restarted run"));
        Assert.Equal(Orders - placed.Values.Count(o => o.CreatedAt < rerun.StartedAt), rerun.Counts["created"]);
        Assert.Equal(rerun.Counts["pending"], rerun.Counts["created"] + rerun.Counts["already_held"]);
    }

    private Dictionary<string, string?> WorkerSettings() => ProcessWorld.WorkerSettings(_world, settings =>
    {
        settings["Outreach:Bookstore:BaseUrl"] = _world.Sandbox.BookstoreBaseUrl().ToString();
        settings["Outreach:Bookstore:Token"] = BookstoreSimulator.DefaultToken;
        settings["Outreach:Orders:PushConcurrency"] = PushConcurrency.ToString(CultureInfo.InvariantCulture);
    });

    /// <summary>One pending order per reader of the community, as intake leaves them (with the "received" line of their history).</summary>
    private Task AddPendingOrdersAsync() => _world.Db.ExecuteAsync("""
        WITH book AS (
            SELECT ordinality - 1 AS n, isbn, title FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS b(isbn, title)),
        placed AS (
            INSERT INTO outreach.book_orders (order_ref, reader_id, card_id, card_number, community, isbn13, title, quantity, unit_price,
                budget_code, budget_month, deliver_kind, source, source_name, status, created_at, status_changed_at)
            SELECT 'BO-' || extract(year FROM now())::int || '-' || lpad(nextval('outreach.book_order_serial')::text, 6, '0'),
                r.id, c.id, c.card_number, r.community, b.isbn, b.title, 1, 45.00, 'SOC-2026', date_trunc('month', now())::date,
                'library_desk', 'api', 'portal-gl01', 'pending', now(), now()
            FROM outreach.readers r
            JOIN outreach.cards c ON c.reader_id = r.id
            JOIN book b ON b.n = r.id % $4
            WHERE r.community = $1
            ORDER BY r.id
            RETURNING id, created_at)
        INSERT INTO outreach.book_order_events (order_id, at, kind, to_status, actor)
        SELECT id, created_at, 'received', 'pending', 'portal-gl01' FROM placed
        """, Community, Books.Select(b => b.Isbn).ToArray(), Books.Select(b => b.Title).ToArray(), (long)Books.Length);

    /// <summary>Each order's status and bookstore order id, by order_ref.</summary>
    private async Task<Dictionary<string, (string Status, string BookstoreOrderId)>> RecordedAsync()
    {
        await using var command = _world.Db.CreateCommand("SELECT order_ref, status, coalesce(bookstore_order_id, '') FROM outreach.book_orders");
        var orders = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            orders.Add(reader.GetString(0), (reader.GetString(1), reader.GetString(2)));
        }

        return orders;
    }

    /// <summary>The restarted worker's run: when it started, and what it counted.</summary>
    private async Task<(DateTimeOffset StartedAt, Dictionary<string, long> Counts)> RerunAsync()
    {
        await using var command = _world.Db.CreateCommand(
            "SELECT started_at, counts::text FROM outreach.job_runs WHERE job = $1 AND status = 'succeeded'");
        command.Parameters.AddWithValue(OrderPush.JobName);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no push run succeeded");
        var run = (reader.GetFieldValue<DateTimeOffset>(0), JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(1))!);
        Assert.False(await reader.ReadAsync(), "more than one push run succeeded");
        return run;
    }
}
