using System.Globalization;
using System.Text.Json;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Integrations.Bookstore;
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
    private const int AnsweredBeforeStall = 100;

    // The bookstore answers the first orders at a normal pace, then stores the next order of each push lane and holds its
    // answer back: the kill finds every lane with an order the bookstore holds and the hub has not recorded. The hold is
    // long enough for a loaded machine to get round to the kill, and shorter than the hub's per-attempt timeout (set to a
    // minute below), so no push is retried before it.
    private static readonly TimeSpan NormalAnswer = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

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
        _world.Sandbox.Faults.Add(BookstoreFaults.DelayAfterAccept(NormalAnswer, AnsweredBeforeStall));
        _world.Sandbox.Faults.Add(BookstoreFaults.DelayAfterAccept(Stall, PushConcurrency));
        await using var first = WorkerProcess.Start("orders-first", WorkerSettings());
        await HangfireServers.WaitUntilServingAsync(_world, first);
        var jobId = _world.Enqueue(OrderPush.JobName);
        await Eventually.HoldsAsync(() => Task.FromResult(bookstore.OrderCount), held => held >= AnsweredBeforeStall + PushConcurrency,
            TimeSpan.FromSeconds(90), "every push lane waiting for an answer the bookstore holds back");

        await first.KillAsync();
        _world.Sandbox.Faults.Clear();
        Assert.Equal("Processing", _world.StateOf(jobId));
        Assert.Equal(AnsweredBeforeStall + PushConcurrency, bookstore.OrderCount);
        var recordedAtKill = await RecordedAsync();
        Assert.Equal(AnsweredBeforeStall, recordedAtKill.Count(o => o.Value.Status == "accepted"));
        // Caught by the kill: placed with the bookstore, still pending in the hub.
        var caught = bookstore.Orders.Where(o => recordedAtKill[o.Body.OrderRef!].Status == "pending").ToDictionary(o => o.Body.OrderRef!, o => o.OrderId);
        Assert.Equal(PushConcurrency, caught.Count);
        await using var restarted = WorkerProcess.Start("orders-restarted", WorkerSettings());
        await _world.WaitForStateWhileWorkingAsync(jobId, "Succeeded", stall: TimeSpan.FromMinutes(3));

        Assert.Equal([first.Id, restarted.Id], await HangfireServers.ProcessesThatRanAsync(_world, jobId));
        // Every order placed once: the bookstore holds one order per order_ref, and the hub records that order as accepted.
        var held = bookstore.Orders;
        var placed = held.ToDictionary(o => o.Body.OrderRef!, o => o.OrderId, StringComparer.Ordinal);
        var recorded = await RecordedAsync();
        Assert.Equal(Orders, recorded.Count);
        Assert.Equal(recorded.Keys.Order(StringComparer.Ordinal), placed.Keys.Order(StringComparer.Ordinal));
        Assert.All(recorded, order => Assert.Equal(("accepted", placed[order.Key]), order.Value));
        Assert.Equal(Orders, placed.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.All(caught, order => Assert.Equal(order.Value, placed[order.Key]));

        // Each order's history: received, then pushed once; the orders the kill caught were found already held by the
        // restarted run (the same order the bookstore created before the kill), every other order was created.
        var history = await HistoryAsync();
        Assert.Equal(Orders, history.Count);
        Assert.All(history, order => Assert.Equal(
            ("received →pending, pushed pending→accepted", PushResult.Accepted(caught.ContainsKey(order.Key) ? 200 : 201, placed[order.Key]).Message),
            order.Value));
        // Asked for twice, the caught orders alone: the restarted run pushed only what the hub had not recorded.
        Assert.All(held, order => Assert.Equal(caught.ContainsKey(order.Body.OrderRef!) ? 2 : 1, order.Requests));
        var rerun = await RerunCountsAsync();
        Assert.Equal(Orders - AnsweredBeforeStall, rerun["pending"]);
        Assert.Equal(PushConcurrency, rerun["already_held"]);
        Assert.Equal(Orders - AnsweredBeforeStall - PushConcurrency, rerun["created"]);
        Assert.Equal(0, rerun["overtaken_by_feed"]);
    }

    private Dictionary<string, string?> WorkerSettings() => ProcessWorld.WorkerSettings(_world, settings =>
    {
        settings["Outreach:Bookstore:BaseUrl"] = _world.Sandbox.BookstoreBaseUrl().ToString();
        settings["Outreach:Bookstore:Token"] = BookstoreSimulator.DefaultToken;
        settings["Outreach:Orders:PushConcurrency"] = PushConcurrency.ToString(CultureInfo.InvariantCulture);
        settings["Outreach:Resilience:AttemptTimeout"] = "00:01:00";
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

    /// <summary>Each order's history as "kind from→to" lines, oldest first, and the note of its second line (the push), by order_ref.</summary>
    private async Task<Dictionary<string, (string Lines, string PushNote)>> HistoryAsync()
    {
        await using var command = _world.Db.CreateCommand("""
            SELECT o.order_ref, string_agg(e.kind || ' ' || coalesce(e.from_status, '') || '→' || coalesce(e.to_status, ''), ', ' ORDER BY e.id),
                coalesce((array_agg(e.note ORDER BY e.id))[2], '')
            FROM outreach.book_orders o JOIN outreach.book_order_events e ON e.order_id = o.id
            GROUP BY o.order_ref
            """);
        var history = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            history.Add(reader.GetString(0), (reader.GetString(1), reader.GetString(2)));
        }

        return history;
    }

    /// <summary>What the restarted worker's run counted (the killed run's row stays 'running').</summary>
    private async Task<Dictionary<string, long>> RerunCountsAsync()
    {
        var counts = await _world.ListAsync("SELECT counts::text FROM outreach.job_runs WHERE job = $1 AND status = 'succeeded'", OrderPush.JobName);
        return JsonSerializer.Deserialize<Dictionary<string, long>>(Assert.Single(counts))!;
    }
}
