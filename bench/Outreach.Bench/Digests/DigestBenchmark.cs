using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;
using Outreach.Integrations.Time;
using Outreach.Testing;
using Outreach.Worker.Cli;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Digests.Sending;
using Outreach.Worker.Hosting;

namespace Outreach.Bench.Digests;

/// <summary>
/// Issue 5's targets: a digest to 100,000 readers (--size N for fewer) through a local SMTP sink at no less than
/// 1,000 messages/s and no less than half the rate of a bare MailKit loop sending one pre-built message the same number
/// of times over the same number of connections (measured in the same run); peak memory under 300 MB.
/// </summary>
public sealed class DigestBenchmark : IBenchmark
{
    private const string Community = "GL03";
    private const int Connections = 4;

    public string Name => "digests";

    public string Description => "Digest to N readers through a local SMTP sink vs a bare MailKit loop, peak memory (default 100,000 readers)";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        var readers = options.Size ?? 100_000;
        Console.WriteLine($"  {readers:N0} readers, {Connections} SMTP connections, {Environment.ProcessorCount} cores");

        await using var sink = await SmtpSink.StartAsync();
        var connectionString = await TestPostgres.CreateDatabaseAsync("bench_digests");
        using var hub = HubHost.Build(HostRole.Client, Settings(connectionString, sink.Port, Connections));
        await hub.StartAsync(cancellationToken);
        try
        {
            await SeedAsync(hub.Services, connectionString, readers);

            // Warm-up of both paths (JIT, pools): a digest to another community and a short bare loop; then the two measured runs.
            await WarmUpAsync(hub.Services, connectionString);
            var message = await OneMessageAsync(hub.Services);
            await BareMailKitAsync(sink, message, Math.Min(readers, 2_000), Connections);
            sink.Reset();
            var bare = await BareMailKitAsync(sink, message, readers, Connections);
            var bareRate = readers / bare.TotalSeconds;
            report.Add(new BenchFigure($"bare MailKit loop, {readers:N0} messages (baseline)", bareRate, "msg/s", null, null, "-", true));

            sink.Reset();
            double peak;
            TimeSpan elapsed;
            long sent;
            await using (var memory = PeakMemory.Start())
            {
                (elapsed, sent) = await DigestAsync(hub.Services, cancellationToken);
                peak = memory.PeakMegabytes;
            }

            var digestRate = sent / elapsed.TotalSeconds;
            Console.WriteLine($"  digest: {sent:N0} sent in {elapsed.TotalSeconds:F1} s; sink received {sink.Received:N0} messages, {sink.Bytes / 1024 / 1024:N0} MB");
            report.Add(new BenchFigure($"digest job to {readers:N0} readers", digestRate, "msg/s", bareRate, "bare MailKit", ">= 1000 and >= 0.5x",
                sent == readers && digestRate >= 1000 && digestRate >= 0.5 * bareRate));
            report.Add(new BenchFigure("peak working set during the digest", peak, "MB", null, null, "< 300 MB", peak < 300));
        }
        finally
        {
            await hub.StopAsync(CancellationToken.None);
        }
    }

    private static Dictionary<string, string?> Settings(string connectionString, int smtpPort, int connections) => new()
    {
        ["ConnectionStrings:Outreach"] = connectionString,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Outreach:Schedules:housekeeping:Enabled"] = "false",
        ["Outreach:Schedules:digest-weekly:Enabled"] = "false",
        ["Outreach:Schedules:orders-push:Enabled"] = "false",
        ["Outreach:Schedules:orders-poll:Enabled"] = "false",
        ["Outreach:Schedules:metrics-monthly:Enabled"] = "false",
        ["Outreach:PersonalData:HashKey"] = "bench-hash-key-that-is-long-enough-to-be-valid-0123456789",
        [$"Outreach:Communities:{Community}:Name"] = "古林镇三村社区",
        [$"Outreach:Communities:{Community}:PopulationServed"] = "100000",
        [$"Outreach:Communities:{Community}:Kind"] = "Csv",
        [$"Outreach:Communities:{Community}:DropFolder"] = Path.Combine(Path.GetTempPath(), "outreach-bench", Community),
        ["Outreach:Communities:WARM:Name"] = "warm-up",
        ["Outreach:Communities:WARM:PopulationServed"] = "100",
        ["Outreach:Communities:WARM:Kind"] = "Csv",
        ["Outreach:Communities:WARM:DropFolder"] = Path.Combine(Path.GetTempPath(), "outreach-bench", "WARM"),
        ["Outreach:Mail:Host"] = "127.0.0.1",
        ["Outreach:Mail:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Outreach:Mail:Security"] = "None",
        ["Outreach:Mail:From"] = "library@lib.example.cn",
        ["Outreach:Mail:BounceAddress"] = "bounces@lib.example.cn",
        ["Outreach:Mail:Connections"] = connections.ToString(CultureInfo.InvariantCulture),
        ["Outreach:Mail:MessagesPerConnection"] = "100000",
        ["Outreach:Mail:MessagesPerSecond"] = "0",
        ["Outreach:Digests:PublicBaseUrl"] = "https://outreach.example.org",
    };

    private static async Task SeedAsync(IServiceProvider services, string connectionString, int readers)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using (var command = db.CreateCommand("""
            INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            SELECT $1, $1 || '-' || lpad(i::text, 7, '0'), '居民' || i, '居*', 'reader' || i || '@mail.example.cn', 'active', true, true, '\x01'::bytea, now(), now()
            FROM generate_series(1, $2) AS i
            """))
        {
            command.CommandTimeout = 0;
            command.Parameters.AddWithValue(Community);
            command.Parameters.AddWithValue(readers);
            await command.ExecuteNonQueryAsync();
        }

        await using (var warm = db.CreateCommand("""
            INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            SELECT 'WARM', 'WARM-' || i, '居民', '居*', 'warm' || i || '@mail.example.cn', 'active', true, true, '\x01'::bytea, now(), now()
            FROM generate_series(1, 500) AS i
            """))
        {
            await warm.ExecuteNonQueryAsync();
        }

        await using (var analyze = db.CreateCommand("ANALYZE outreach.readers"))
            await analyze.ExecuteNonQueryAsync();

        var calendar = services.GetRequiredService<LibraryCalendar>();
        var events = services.GetRequiredService<EventStore>();
        var titles = new[] { ("lecture", "微讲堂：宋韵文化与古林往事"), ("reading_club", "读书协会：共读《乡土中国》"), ("film_salon", "影评沙龙：《我的父亲母亲》") };
        var day = 1;
        foreach (var (kind, title) in titles)
        {
            var start = calendar.StartOf(calendar.Today.AddDays(day++)).AddHours(14);
            await events.CreateAsync(new EventDraft(kind, title, "欢迎社区居民参加。" + title, "浙江工商职业技术学院图书馆报告厅", start, start.AddHours(2), [],
                80, "https://lib.example.cn/register"), EventStore.StaffSource, CancellationToken.None);
        }
    }

    private static async Task WarmUpAsync(IServiceProvider services, string connectionString)
    {
        await services.GetRequiredService<DigestRun>().RunAsync("WARM", services.GetRequiredService<LibraryCalendar>().ThisWeek, CancellationToken.None);
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand("VACUUM ANALYZE outreach.digest_deliveries");
        await command.ExecuteNonQueryAsync();
    }

    // The baseline's message: a real digest copy of the warm-up run, built once.
    private static async Task<MimeMessage> OneMessageAsync(IServiceProvider services)
    {
        var planner = services.GetRequiredService<DigestPlanner>();
        var content = await planner.PreviewAsync(Community, services.GetRequiredService<LibraryCalendar>().ThisWeek, CancellationToken.None);
        var mail = services.GetRequiredService<Outreach.Worker.Digests.Content.DigestComposer>().Prepare(content).Compose(1, "reader1@mail.example.cn", null)!;
        mail.Message.Prepare(EncodingConstraint.SevenBit);
        return mail.Message;
    }

    private static async Task<TimeSpan> BareMailKitAsync(SmtpSink sink, MimeMessage message, int count, int connections)
    {
        var sender = new MailboxAddress("", "bounces@lib.example.cn");
        var recipient = new MailboxAddress("", "reader1@mail.example.cn");
        // One pre-built copy per connection: a MimeMessage's content streams are not for concurrent writers.
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        var copies = Enumerable.Range(0, connections).Select(_ => MimeMessage.Load(new MemoryStream(buffer.ToArray()))).ToList();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(copies.Select(copy => Task.Run(async () =>
        {
            // The same connection set-up as the hub's sender: MailKit over a socket with Nagle off.
            using var client = new SmtpClient();
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync("127.0.0.1", sink.Port);
            await client.ConnectAsync(socket, "127.0.0.1", sink.Port, SecureSocketOptions.None);
            while (Interlocked.Increment(ref next) < count)
                await client.SendAsync(copy, sender, [recipient]);
            await client.DisconnectAsync(true);
        })));
        return clock.Elapsed;
    }

    private static async Task<(TimeSpan Elapsed, long Sent)> DigestAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var week = services.GetRequiredService<LibraryCalendar>().ThisWeek;
        var clock = Stopwatch.StartNew();
        var counts = await services.GetRequiredService<DigestRun>().RunAsync(Community, week, cancellationToken);
        return (clock.Elapsed, counts["sent"]);
    }
}
