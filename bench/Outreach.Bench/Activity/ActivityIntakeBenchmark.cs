using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NpgsqlTypes;
using Outreach.Worker.Activity;
using Outreach.Worker.Cli;
using Outreach.Worker.Hosting;

namespace Outreach.Bench.Activity;

/// <summary>
/// Issue 11: one batch of 10,000 to 1,000,000 activity records through the intake (checked, staged, cards resolved,
/// ledger and month totals written) into a registry of 100,000 card holders, next to a bare binary COPY of the same
/// records into an unindexed table.
/// </summary>
public sealed class ActivityIntakeBenchmark : IBenchmark
{
    private const int Readers = 100_000;
    private const string Intake = "intake";
    private const string Copy = "bare COPY";

    public string Name => "activity";

    public string Description => "Activity intake of one batch vs a bare COPY of the same records (default 100,000; --sweep: 10k to 1M)";

    public Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken) =>
        SizeSweep.RunPairAsync(options, report, "activity intake", "records", Intake, Copy, size => MeasureAsync(size, cancellationToken));

    private static async Task<(double Intake, double Copy)> MeasureAsync(int records, CancellationToken cancellationToken)
    {
        await using var db = await BenchDatabase.CreateAsync("bench_activity");
        await db.ExecuteAsync("""
            INSERT INTO outreach.readers (id, community, resident_id, name, name_masked, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            OVERRIDING SYSTEM VALUE
            SELECT i, 'BC' || lpad((i % 20 + 1)::text, 2, '0'), 'R' || i, 'bench', 'b*', 'active', true, false, '\x01', now(), now()
            FROM generate_series(1, $1) AS i
            """, Readers);
        await db.ExecuteAsync("""
            INSERT INTO outreach.cards (id, reader_id, card_number, status, issued_on, issued_community, updated_at)
            OVERRIDING SYSTEM VALUE
            SELECT i, i, outreach.card_number_of(100000 + i), 'active', date '2025-01-01', 'BC' || lpad((i % 20 + 1)::text, 2, '0'), now()
            FROM generate_series(1, $1) AS i
            """, Readers);
        await db.ExecuteAsync("VACUUM ANALYZE");
        var batch = Records(records).ToList();

        var copy = await BareCopyAsync(db, batch, cancellationToken);
        using var hub = HubHost.Build(HostRole.Client, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = db.ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Outreach:PersonalData:HashKey"] = "benchmark-hash-key-that-is-long-enough-0123456789",
        });
        await hub.StartAsync(cancellationToken);
        var timer = Stopwatch.StartNew();
        var outcome = await hub.Services.GetRequiredService<ActivityIntake>().IngestAsync(
            new ActivityBatch("gate", ActivityBatch.ApiChannel, $"bench batch of {records}"), batch, cancellationToken);
        var intake = timer.Elapsed.TotalSeconds;
        if (outcome.Accepted != records)
        {
            throw new InvalidOperationException($"The benchmark went wrong: the intake accepted {outcome.Accepted} of {records} records.");
        }

        await hub.StopAsync(CancellationToken.None);
        return (intake, copy);
    }

    // Visits, loans and e-resource sessions of the registry's card holders through October 2026, in time order.
    private static IEnumerable<ActivityRecord> Records(int count)
    {
        var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var step = TimeSpan.FromDays(30).Ticks / count;
        string[] kinds = ["visit", "visit", "loan", "eresource"];
        for (var i = 0; i < count; i++)
        {
            var serial = 100_000L + i * 7919L % Readers + 1;
            yield return new ActivityRecord(i.ToString("D10", CultureInfo.InvariantCulture), CardNumber(serial), kinds[i % kinds.Length],
                start.AddTicks(step * i).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        }
    }

    private static string CardNumber(long serial) => Outreach.Worker.Readers.Cards.CardNumber.Format(serial);

    private static async Task<double> BareCopyAsync(BenchDatabase db, IReadOnlyList<ActivityRecord> batch, CancellationToken cancellationToken)
    {
        await db.ExecuteAsync("CREATE TABLE bench_bare_activity (source_id text, card text, kind text, at text)");
        var timer = Stopwatch.StartNew();
        await using var connection = await db.DataSource.OpenConnectionAsync(cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync("COPY bench_bare_activity FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var record in batch)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(record.Id!, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(record.Card!, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(record.Kind!, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(record.At!, NpgsqlDbType.Text, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        return timer.Elapsed.TotalSeconds;
    }
}
