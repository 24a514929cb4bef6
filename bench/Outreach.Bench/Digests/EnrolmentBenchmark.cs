using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Worker.Cli;
using Outreach.Worker.Digests.Sending;
using Outreach.Worker.Hosting;

namespace Outreach.Bench.Digests;

/// <summary>
/// Issue 11: a weekly digest's enrolment (every reader of the community who should get it, less unsubscribes and
/// suppressed addresses, into the delivery ledger) for 10,000 to 1,000,000 readers, next to a bare INSERT of the same
/// (digest, reader) pairs into an unindexed table.
/// </summary>
public sealed class EnrolmentBenchmark : IBenchmark
{
    private const string Community = "GL03";
    private const string Enrol = "enrolment";
    private const string Bare = "bare INSERT";

    public string Name => "enrol";

    public string Description => "Digest enrolment into the delivery ledger vs a bare INSERT of the same rows (default 100,000 readers; --sweep: 10k to 1M)";

    public Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken) =>
        SizeSweep.RunPairAsync(options, report, "digest enrolment", "readers", Enrol, Bare, size => MeasureAsync(size, cancellationToken));

    private static async Task<(double Enrol, double Bare)> MeasureAsync(int readers, CancellationToken cancellationToken)
    {
        await using var db = await BenchDatabase.CreateAsync("bench_enrol");
        // The community's readers (a few moved out or not opted in), 1% unsubscribed, 0.5% of addresses suppressed after a bounce.
        await db.ExecuteAsync("""
            INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            SELECT $1, $1 || '-' || lpad(i::text, 7, '0'), '居民' || i, '居*', 'reader' || i || '@mail.example.cn',
                   CASE WHEN i % 50 = 0 THEN 'moved_out' ELSE 'active' END, true, i % 7 <> 0, '\x01'::bytea, now(), now()
            FROM generate_series(1, $2) AS i
            """, Community, readers);
        await db.ExecuteAsync("""
            INSERT INTO outreach.mail_preferences (reader_id, unsubscribed_at, updated_at)
            SELECT id, now(), now() FROM outreach.readers WHERE id % 100 = 1
            """);
        await db.ExecuteAsync("""
            INSERT INTO outreach.mail_suppressions (address, reason, suppressed_at)
            SELECT lower(email), 'hard bounce', now() FROM outreach.readers WHERE id % 200 = 3
            """);
        await db.ExecuteAsync("""
            INSERT INTO outreach.digests (id, community, iso_week, window_start, window_end, subject, events, event_count, created_at)
            OVERRIDING SYSTEM VALUE
            VALUES (1, $1, '2026-W48', now(), now() + interval '14 days', 'Digest', '[]', 0, now())
            """, Community);
        await db.ExecuteAsync("VACUUM ANALYZE");

        await db.ExecuteAsync("CREATE TABLE bench_bare_deliveries (digest_id bigint, reader_id bigint)");
        var bare = await db.TimeAsync("""
            INSERT INTO bench_bare_deliveries SELECT 1, id FROM outreach.readers
            WHERE community = $1 AND status = 'active' AND email_opt_in AND id % 100 <> 1 AND id % 200 <> 3
            """, Community);

        using var hub = HubHost.Build(HostRole.Client, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = db.ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Outreach:PersonalData:HashKey"] = "benchmark-hash-key-that-is-long-enough-0123456789",
        });
        await hub.StartAsync(cancellationToken);
        var timer = Stopwatch.StartNew();
        var enrolled = await hub.Services.GetRequiredService<DeliveryLedger>().EnrolAsync(1, Community, cancellationToken);
        var enrol = timer.Elapsed.TotalSeconds;
        await hub.StopAsync(CancellationToken.None);
        Console.WriteLine($"  {readers:N0} readers: {enrolled:N0} enrolled");
        return (enrol, bare);
    }
}
