using Outreach.Testing;

namespace Outreach.Worker.Tests.Digests;

/// <summary>The per-digest counters the staff pages read stay equal to a count of the ledger, whatever writes it.</summary>
public sealed class DeliveryCountsTests : IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture _db;

    public DeliveryCountsTests(DatabaseFixture db) => _db = db;

    [Fact]
    public async Task The_copies_per_digest_and_status_follow_every_insert_update_and_delete_of_the_ledger()
    {
        await ExecuteAsync("""
            INSERT INTO outreach.readers (id, community, resident_id, name, name_masked, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            OVERRIDING SYSTEM VALUE
            SELECT i, 'GL01', 'GL01-' || i, 'n', 'n*', 'active', true, true, '\x01', now(), now() FROM generate_series(1, 300) AS i;
            INSERT INTO outreach.digests (id, community, iso_week, window_start, window_end, subject, events, event_count, created_at)
            OVERRIDING SYSTEM VALUE
            VALUES (1, 'GL01', '2026-W48', now(), now(), 's', '[]', 0, now()), (2, 'GL01', '2026-W49', now(), now(), 's', '[]', 0, now() + interval '2 days');
            INSERT INTO outreach.digest_deliveries (digest_id, reader_id) SELECT 1, i FROM generate_series(1, 300) AS i;
            INSERT INTO outreach.digest_deliveries (digest_id, reader_id) SELECT 2, i FROM generate_series(1, 100) AS i;
            UPDATE outreach.digest_deliveries SET status = 'sending' WHERE digest_id = 1 AND reader_id <= 200;
            UPDATE outreach.digest_deliveries SET status = CASE WHEN reader_id % 10 = 0 THEN 'failed' ELSE 'sent' END WHERE digest_id = 1 AND reader_id <= 150;
            UPDATE outreach.digest_deliveries SET bounced_at = now(), bounce_kind = 'hard' WHERE digest_id = 1 AND reader_id % 7 = 0 AND status = 'sent';
            UPDATE outreach.digest_deliveries SET status = 'skipped', skip_reason = 'unsubscribed' WHERE digest_id = 2 AND reader_id > 90;
            DELETE FROM outreach.digest_deliveries WHERE digest_id = 2 AND reader_id <= 10;
            INSERT INTO outreach.mail_preferences (reader_id, unsubscribed_at, updated_at) SELECT i, now() + interval '1 day', now() FROM generate_series(1, 40) AS i;
            INSERT INTO outreach.digest_deliveries (digest_id, reader_id) SELECT 2, i FROM generate_series(1, 5) AS i;
            UPDATE outreach.mail_preferences SET unsubscribed_at = now() + interval '3 days' WHERE reader_id <= 20;
            UPDATE outreach.mail_preferences SET unsubscribed_at = NULL WHERE reader_id BETWEEN 31 AND 35;
            DELETE FROM outreach.mail_preferences WHERE reader_id BETWEEN 36 AND 38;
            INSERT INTO outreach.digest_deliveries (digest_id, reader_id) VALUES (2, 6), (2, 7);
            """);

        var counted = await ListAsync("""
            SELECT digest_id || ' ' || s || ' ' || count(*) FROM outreach.digest_deliveries d,
                LATERAL (VALUES (status), (CASE WHEN bounced_at IS NOT NULL THEN 'bounced' END),
                    (CASE WHEN EXISTS (SELECT 1 FROM outreach.mail_preferences p JOIN outreach.digests g ON g.id = d.digest_id
                                       WHERE p.reader_id = d.reader_id AND p.unsubscribed_at >= g.created_at) THEN 'unsubscribed' END)) AS v(s)
            WHERE s IS NOT NULL GROUP BY digest_id, s ORDER BY 1
            """);
        var kept = await ListAsync("SELECT digest_id || ' ' || status || ' ' || copies FROM outreach.digest_delivery_counts WHERE copies <> 0 ORDER BY 1");

        Assert.Equal(counted, kept);
        Assert.Contains("1 sending 50", kept);
        Assert.Contains("2 pending 87", kept);
        Assert.Contains("1 unsubscribed 32", kept);
        Assert.Contains("2 unsubscribed 17", kept);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _db.DataSource.OpenConnectionAsync();
        foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new Npgsql.NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        var values = new List<string>();
        await using var command = _db.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
