using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Outreach.Integrations.Bookstore;
using Outreach.Sandbox.Bookstore;
using Outreach.Sandbox.Hosting;
using Outreach.Testing;
using Outreach.Worker.Cli;
using Outreach.Worker.Hosting;
using Outreach.Worker.Orders.Fulfilment;
using Outreach.Worker.Orders.Push;

namespace Outreach.Bench.Orders;

/// <summary>
/// Issue 4's targets: 10,000 pending orders pushed to the local bookstore simulator at 200 orders/s or better with
/// bounded concurrency, against a bare HttpClient POST loop to the same simulator at the same concurrency; 100,000
/// changes applied from the feed in under 20 s, against a bare fetch of the same pages, binary COPY and one UPDATE.
/// </summary>
public sealed class OrdersBenchmark : IBenchmark
{
    private const int Concurrency = 8;
    private const int ChangesPerOrder = 10;
    private const int PageSize = 200;

    // Ten reports per order, interleaved across orders as a busy bookstore sends them: steps forward, sideways between
    // sourcing and backordered, a repeat and a step back (both kept in history only), then delivery.
    private static readonly string[] Journey =
        ["sourcing", "backordered", "sourcing", "backordered", "sourcing", "shipped", "shipped", "ready_for_pickup", "shipped", "delivered"];

    public string Name => "orders";

    public string Description => "Book orders: push N pending orders (default 10,000) vs a bare POST loop; apply 10xN feed changes vs bare COPY/UPDATE (--sweep: the feed at 10k to 250k changes)";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        if (options.Sweep)
        {
            await SweepAsync(options, report, cancellationToken);
            return;
        }

        var orders = options.Size ?? 10_000;
        var changes = orders * ChangesPerOrder;
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions(), cancellationToken);
        var connectionString = await TestPostgres.CreateDatabaseAsync("bench_orders");
        using var hub = HubHost.Build(HostRole.Client, Settings(connectionString, sandbox));
        await hub.StartAsync(cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var timer = Stopwatch.StartNew();
        await SeedPendingOrdersAsync(dataSource, orders, cancellationToken);
        Console.WriteLine($"  seeded {orders:N0} readers, cards and pending orders in {timer.Elapsed.TotalSeconds:F1} s");

        var bareRate = await BarePostLoopAsync(sandbox, orders, cancellationToken);
        report.Add(new BenchFigure($"bare HttpClient POST loop, {orders:N0} orders (baseline)", bareRate, "orders/s", null, null, "-", true));

        timer.Restart();
        var pushed = await hub.Services.GetRequiredService<OrderPush>().RunAsync(cancellationToken);
        var pushRate = pushed["created"] / timer.Elapsed.TotalSeconds;
        Console.WriteLine($"  push: {string.Join(", ", pushed.Select(kv => $"{kv.Key}={kv.Value}"))}");
        Check(pushed["created"] == orders, $"the push created {pushed["created"]} of {orders} orders");
        report.Add(new BenchFigure($"hub push of {orders:N0} pending orders ({Concurrency} at a time)", pushRate, "orders/s", bareRate, "bare POST loop",
            ">= 200 orders/s", pushRate >= 200));

        var refs = sandbox.Bookstore.Orders.Where(o => o.Body.OrderRef!.StartsWith("BO-", StringComparison.Ordinal)).Select(o => o.Body.OrderRef!).ToList();
        sandbox.Bookstore.AppendChanges(Journey.SelectMany(status => refs.Select(orderRef => (orderRef, status))));
        Console.WriteLine($"  the bookstore reported {changes:N0} changes (last seq {sandbox.Bookstore.LastSeq:N0})");

        var bareSeconds = await BareApplyAsync(sandbox, dataSource, changes, cancellationToken);
        report.Add(new BenchFigure($"bare fetch + COPY + UPDATE of {changes:N0} changes (baseline)", bareSeconds, "s", null, null, "-", true));

        timer.Restart();
        var polled = await hub.Services.GetRequiredService<FeedPoll>().RunAsync(cancellationToken);
        var pollSeconds = timer.Elapsed.TotalSeconds;
        Console.WriteLine($"  poll: {string.Join(", ", polled.Select(kv => $"{kv.Key}={kv.Value}"))}");
        Check(polled["read"] == changes, $"the poll read {polled["read"]} of {changes} changes");
        var targetSeconds = 20.0 * changes / 100_000;
        report.Add(new BenchFigure($"hub poll applying {changes:N0} changes", pollSeconds, "s", bareSeconds, "bare COPY/UPDATE",
            string.Create(CultureInfo.InvariantCulture, $"< {targetSeconds:0.#} s"), pollSeconds < targetSeconds));
        await hub.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Issue 11: the changes feed at 10,000 to 250,000 changes (ten per order), each size on a fresh database with its orders
    /// already accepted by the bookstore, next to the bare fetch, COPY and UPDATE of the same pages.
    /// </summary>
    private static async Task SweepAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        const string Poll = "feed poll";
        const string Bare = "bare apply";
        var sweep = new SizeSweep("changes feed", "changes", [Poll, Bare], [(Poll, Bare)]);
        // The first size is measured twice: its first run also compiles the code paths.
        foreach (var changes in SizeSweep.Sizes(options, 2_000, 10_000, 50_000, 100_000, 250_000))
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions(), cancellationToken);
            await using var db = await BenchDatabase.CreateAsync("bench_feed");
            using var hub = HubHost.Build(HostRole.Client, Settings(db.ConnectionString, sandbox));
            await hub.StartAsync(cancellationToken);
            await SeedPendingOrdersAsync(db.DataSource, changes / ChangesPerOrder, cancellationToken);
            // As the push leaves them: accepted, known to the bookstore.
            await db.ExecuteAsync("UPDATE outreach.book_orders SET status = 'accepted', bookstore_order_id = 'XH-' || id");
            await db.ExecuteAsync("ANALYZE outreach.book_orders");
            var refs = (await ListAsync(db, "SELECT order_ref FROM outreach.book_orders ORDER BY id")).ToList();
            foreach (var orderRef in refs)
            {
                sandbox.Bookstore.Push(orderRef, new SimOrderBody(orderRef, "9787020002207", "红楼梦", 1, new SimDeliverTo("library_desk", null),
                    "ZB0001000011", "BENCH"));
            }

            sandbox.Bookstore.AppendChanges(Journey.SelectMany(status => refs.Select(orderRef => (orderRef, status))));

            var bare = await BareApplyAsync(sandbox, db.DataSource, changes, cancellationToken);
            var timer = Stopwatch.StartNew();
            var polled = await hub.Services.GetRequiredService<FeedPoll>().RunAsync(cancellationToken);
            var poll = timer.Elapsed.TotalSeconds;
            Check(polled["read"] == changes, $"the poll read {polled["read"]} of {changes} changes");
            if (changes > 2_000 || options.Size is not null)
            {
                sweep.Add(changes, new Dictionary<string, double> { [Poll] = poll, [Bare] = bare });
            }

            await hub.StopAsync(CancellationToken.None);
        }

        sweep.Print();
        report.Add(sweep.Linearity(Poll, 2));
    }

    private static async Task<IReadOnlyList<string>> ListAsync(BenchDatabase db, string sql)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static Dictionary<string, string?> Settings(string connectionString, SandboxHost sandbox) => new()
    {
        ["ConnectionStrings:Outreach"] = connectionString,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Outreach:PersonalData:HashKey"] = "benchmark-hash-key-that-is-long-enough-0123456789",
        ["Outreach:Bookstore:BaseUrl"] = sandbox.BookstoreBaseUrl().ToString(),
        ["Outreach:Bookstore:Token"] = BookstoreSimulator.DefaultToken,
        ["Outreach:Bookstore:ChangesPageSize"] = PageSize.ToString(CultureInfo.InvariantCulture),
        ["Outreach:Orders:PushConcurrency"] = Concurrency.ToString(CultureInfo.InvariantCulture),
        ["Outreach:Orders:BudgetLines:BENCH:MonthlyCap"] = "100000000",
    };

    private static async Task SeedPendingOrdersAsync(NpgsqlDataSource dataSource, int orders, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var readers = new NpgsqlBatchCommand("""
            INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            SELECT 'GL01', 'bench-' || i, '读者' || i, '读*', 'r' || i || '@bench.test', 'active', true, false, '\x00', now(), now()
            FROM generate_series(1, $1) AS i
            """);
        readers.Parameters.Add(new NpgsqlParameter { Value = orders });
        batch.BatchCommands.Add(readers);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, updated_at)
            SELECT id, outreach.next_card_number(), 'active', current_date, now() FROM outreach.readers
            """));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            INSERT INTO outreach.book_orders (order_ref, reader_id, card_id, card_number, community, isbn13, title, quantity, unit_price, budget_code,
                budget_month, deliver_kind, source, source_name, status, created_at, status_changed_at)
            SELECT 'BO-2026-' || lpad(nextval('outreach.book_order_serial')::text, 6, '0'), r.id, c.id, c.card_number, r.community,
                '9787020002207', '红楼梦', 1, 45, 'BENCH', date_trunc('month', now())::date, 'library_desk', 'api', 'bench', 'pending', now(), now()
            FROM outreach.readers r JOIN outreach.cards c ON c.reader_id = r.id ORDER BY r.id
            """));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("ANALYZE outreach.book_orders"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The same POSTs to the same simulator at the same concurrency, with nothing around them: no database, no pipeline.</summary>
    private static async Task<double> BarePostLoopAsync(SandboxHost sandbox, int orders, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = sandbox.BookstoreBaseUrl() };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BookstoreSimulator.DefaultToken);
        var timer = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(1, orders), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var orderRef = string.Create(CultureInfo.InvariantCulture, $"BASE-{i:D6}");
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/orders")
                {
                    Content = JsonContent.Create(new BookstoreOrder(orderRef, "9787020002207", "红楼梦", 1, new DeliverTo(DeliverTo.LibraryDesk, null),
                        "ZB0001000011", "BENCH")),
                };
                request.Headers.Add("Idempotency-Key", orderRef);
                using var response = await http.SendAsync(request, token);
                response.EnsureSuccessStatusCode();
            });
        return orders / timer.Elapsed.TotalSeconds;
    }

    /// <summary>The same feed pages fetched, binary-COPYed into an unindexed table, and one set-based UPDATE of a copy of the orders.</summary>
    private static async Task<double> BareApplyAsync(SandboxHost sandbox, NpgsqlDataSource dataSource, int changes, CancellationToken cancellationToken)
    {
        await using (var create = dataSource.CreateCommand("""
            CREATE UNLOGGED TABLE bench_changes (seq bigint, order_ref text, status text, at text);
            CREATE TABLE bench_orders AS SELECT id, order_ref, status FROM outreach.book_orders;
            CREATE UNIQUE INDEX ON bench_orders (order_ref);
            """))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        using var http = new HttpClient { BaseAddress = sandbox.BookstoreBaseUrl() };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BookstoreSimulator.DefaultToken);
        var timer = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long after = 0, copied = 0;
        while (true)
        {
            var page = await http.GetFromJsonAsync<BarePage>(string.Create(CultureInfo.InvariantCulture, $"api/v1/orders/changes?after={after}&limit={PageSize}"),
                cancellationToken) ?? throw new InvalidOperationException("The feed sent an empty body.");
            if (page.Changes.Count == 0)
            {
                break;
            }

            await using (var importer = await connection.BeginBinaryImportAsync("COPY bench_changes FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var change in page.Changes)
                {
                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(change.Seq, NpgsqlDbType.Bigint, cancellationToken);
                    await importer.WriteAsync(change.OrderRef, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(change.Status, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(change.At, NpgsqlDbType.Text, cancellationToken);
                }

                await importer.CompleteAsync(cancellationToken);
            }

            copied += page.Changes.Count;
            after = page.LastSeq;
        }

        await using (var update = new NpgsqlCommand("""
            UPDATE bench_orders o SET status = c.status
            FROM (SELECT DISTINCT ON (order_ref) order_ref, status FROM bench_changes ORDER BY order_ref, seq DESC) c
            WHERE o.order_ref = c.order_ref
            """, connection))
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var seconds = timer.Elapsed.TotalSeconds;
        Check(copied == changes, $"the bare apply copied {copied} of {changes} changes");
        return seconds;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The benchmark went wrong: {what}.");
        }
    }

    private sealed record BarePage(
        [property: JsonPropertyName("changes")] IReadOnlyList<BareChange> Changes,
        [property: JsonPropertyName("last_seq")] long LastSeq);

    private sealed record BareChange(
        [property: JsonPropertyName("seq")] long Seq,
        [property: JsonPropertyName("order_ref")] string OrderRef,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("at")] string At);
}
