using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Hosting;
using Outreach.Worker.Digests.Links;

namespace Outreach.Bench.Seats;

/// <summary>
/// Issue 15: the minute after a digest, for a 100-seat event. 1,000 readers (--size N) click the confirm button of their
/// digest's 报名 link: each POST goes through the real dashboard endpoint over loopback, the registration service and
/// PostgreSQL, and waits for the event's lock like everyone else. Twice, each on an event of its own: the clicks arriving
/// at random over one minute (the target: p95 under 200 ms), then all at once from 50 connections (the worst case).
/// Per request p50 and p95, next to a bare INSERT of one (event, reader) row per request into an unindexed table with
/// the same arrivals, in the same run; then the seats are counted: exactly 100 held, the rest waiting, never one more.
/// </summary>
public sealed class SeatsBenchmark : IBenchmark
{
    private const int Capacity = 100;
    private const int Connections = 50;
    private const int DefaultRegistrations = 1_000;

    public string Name => "seats";

    public string Description => "1,000 registrations for a 100-seat event through the digest link's HTTP endpoint, in a minute and at once: p50/p95 vs a bare INSERT";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        var registrations = options.Size ?? DefaultRegistrations;
        await using var db = await BenchDatabase.CreateAsync("bench_seats");
        await db.ExecuteAsync("""
            INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            SELECT 'GL01', 'GL01-' || lpad(i::text, 7, '0'), '居民' || i, '居*', 'reader' || i || '@mail.example.cn', 'active', true, true, '\x01'::bytea, now(), now()
            FROM generate_series(1, $1) AS i
            """, registrations);
        await db.ExecuteAsync("CREATE TABLE bench_bare_registrations (event_id bigint, reader_id bigint, at timestamptz)");
        await db.ExecuteAsync("VACUUM ANALYZE");
        var readers = Enumerable.Range(1, registrations).Select(i => (long)i).ToList();
        await using var dashboard = await SeatDashboard.StartAsync(db.ConnectionString, cancellationToken);
        // The first requests compile the dashboard's pipeline and fill the connection pool: the measured runs start warm.
        await MeasureAsync(db, dashboard, readers.Take(Connections).ToList(), null, "to warm up (not measured)", cancellationToken);

        // The minute after a digest: requests arriving at random (Poisson, fixed seed), each on whatever connection is free.
        var minute = Arrivals(registrations, TimeSpan.FromMinutes(1));
        var spread = await MeasureAsync(db, dashboard, readers, minute, "in the minute after a digest", cancellationToken);
        report.Add(new BenchFigure("seat registration p95, 1,000 in a minute (HTTP)", spread.Registered.P95, "ms", spread.Bare.P95, "bare INSERT p95",
            "< 200 ms", spread.Registered.P95 < 200));
        report.Add(new BenchFigure("seats held of 100 after the minute", spread.Held, "seats", Capacity, "capacity", "= 100, rest waiting", spread.Exact));

        // The worst case: every click at the same instant, 50 connections queueing on the event's lock.
        var burst = await MeasureAsync(db, dashboard, readers, null, $"all at once from {Connections} connections", cancellationToken);
        report.Add(new BenchFigure($"seat registration p95, burst of {Connections} (HTTP)", burst.Registered.P95, "ms", burst.Bare.P95, "bare INSERT p95",
            "none (worst case)", true));
        report.Add(new BenchFigure("seats held of 100 after the burst", burst.Held, "seats", Capacity, "capacity", "= 100, rest waiting", burst.Exact));
    }

    private sealed record Measured((double P50, double P95) Registered, (double P50, double P95) Bare, long Held, bool Exact);

    // One event of 100 seats, every reader registering once with the given arrivals, next to the bare INSERT with the same arrivals.
    private static async Task<Measured> MeasureAsync(BenchDatabase db, SeatDashboard dashboard, List<long> readers, IReadOnlyList<TimeSpan>? arrivals,
        string how, CancellationToken cancellationToken)
    {
        var eventId = await ScalarAsync(db, """
            INSERT INTO outreach.events (source, kind, title, venue, starts_at, ends_at, capacity, created_at, updated_at)
            VALUES ('staff', 'lecture', '微讲堂：宁波老字号', '图书馆报告厅', now() + interval '5 days', now() + interval '5 days 2 hours', $1, now(), now())
            RETURNING id
            """, Capacity);
        var bare = await TimeEachAsync(readers, arrivals, async reader =>
        {
            await using var command = db.DataSource.CreateCommand("INSERT INTO bench_bare_registrations VALUES ($1, $2, now())");
            command.Parameters.AddWithValue(eventId);
            command.Parameters.AddWithValue(reader);
            await command.ExecuteNonQueryAsync(cancellationToken);
        });

        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var timer = Stopwatch.StartNew();
        var registered = await TimeEachAsync(readers, arrivals,
            async reader => statuses.AddOrUpdate(await dashboard.RegisterAsync(reader, eventId, cancellationToken), 1, (_, n) => n + 1));
        var wall = timer.Elapsed.TotalSeconds;

        var held = await ScalarAsync(db, "SELECT held::bigint FROM outreach.event_seats WHERE event_id = $1", eventId);
        var seated = await ScalarAsync(db, "SELECT count(*) FROM outreach.seat_registrations WHERE event_id = $1 AND status = 'registered'", eventId);
        var waiting = await ScalarAsync(db, "SELECT count(*) FROM outreach.seat_registrations WHERE event_id = $1 AND status = 'waiting'", eventId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {readers.Count:N0} registrations {how}, done in {wall:F1} s: {seated} registered, {waiting} waiting, {held} seats held of {Capacity}; answers {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}×{s.Value}"))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  registration p50 {registered.P50:F1} ms, p95 {registered.P95:F1} ms; bare INSERT p50 {bare.P50:F2} ms, p95 {bare.P95:F2} ms"));
        return new Measured(registered, bare, held, held == Capacity && seated == Capacity && waiting == readers.Count - Capacity);
    }

    // Poisson arrivals over the span, from a fixed seed: the same clicks every run.
    private static List<TimeSpan> Arrivals(int count, TimeSpan span)
    {
        var random = new Random(15);
        var at = 0.0;
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            at += -Math.Log(1 - random.NextDouble());
            times.Add(at);
        }

        return times.Select(t => TimeSpan.FromTicks((long)(t / at * span.Ticks))).ToList();
    }

    private static async Task<long> ScalarAsync(BenchDatabase db, string sql, params object[] parameters)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    // Every item once, each at its arrival (null: all at once from Connections workers); each item's time in milliseconds.
    private static async Task<(double P50, double P95)> TimeEachAsync(IReadOnlyList<long> items, IReadOnlyList<TimeSpan>? arrivals, Func<long, Task> work)
    {
        var times = new ConcurrentBag<double>();
        if (arrivals is null)
        {
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Connections }, async (item, _) =>
            {
                var timer = Stopwatch.StartNew();
                await work(item);
                times.Add(timer.Elapsed.TotalMilliseconds);
            });
        }
        else
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(items.Select(async (item, i) =>
            {
                var wait = arrivals[i] - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var timer = Stopwatch.StartNew();
                await work(item);
                times.Add(timer.Elapsed.TotalMilliseconds);
            }));
        }

        var sorted = times.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2], sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1]);
    }

    /// <summary>The real dashboard on loopback, and the readers' digest links as the digest signs them.</summary>
    private sealed class SeatDashboard(WebApplication app, HttpClient http, DigestTokens tokens) : IAsyncDisposable
    {
        public static async Task<SeatDashboard> StartAsync(string connectionString, CancellationToken cancellationToken)
        {
            var app = DashboardApp.Build([], new Dictionary<string, string?>
            {
                ["ConnectionStrings:Outreach"] = connectionString,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Outreach:PersonalData:HashKey"] = "benchmark-hash-key-that-is-long-enough-0123456789",
                ["Outreach:Communities:GL01:Name"] = "Community GL01",
                ["Outreach:Communities:GL01:PopulationServed"] = "10000",
                ["Outreach:Communities:GL01:Kind"] = "Csv",
                ["Outreach:Communities:GL01:DropFolder"] = Path.GetTempPath(),
            });
            app.Urls.Clear();
            app.Urls.Add("http://127.0.0.1:0");
            await app.StartAsync(cancellationToken);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections, AllowAutoRedirect = false }) { BaseAddress = address };
            return new SeatDashboard(app, http, app.Services.GetRequiredService<DigestTokens>());
        }

        /// <summary>The reader's click on the confirm button of their 报名 link: a seat or a place on the list (200), never anything else.</summary>
        public async Task<HttpStatusCode> RegisterAsync(long reader, long eventId, CancellationToken cancellationToken)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{DigestLinks.UnsubscribePath}/{tokens.ForReader(reader)}{DigestLinks.SeatsSegment}{eventId}");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "register", ["guests"] = "0" });
            using var response = await http.PostAsync(new Uri(path, UriKind.Relative), form, cancellationToken);
            await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            http.Dispose();
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
