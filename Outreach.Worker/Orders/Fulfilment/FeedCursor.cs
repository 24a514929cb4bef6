using Npgsql;

namespace Outreach.Worker.Orders.Fulfilment;

/// <summary>The last seq of the bookstore's feed the poll applied (0 before the first poll).</summary>
public static class FeedCursor
{
    public static async Task<long> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT last_seq FROM outreach.bookstore_feed", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is long seq ? seq : 0;
    }

    /// <summary>Stores the cursor in the caller's transaction, with the changes it covers; it never moves back.</summary>
    public static async Task SaveAsync(NpgsqlConnection connection, long lastSeq, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO outreach.bookstore_feed (id, last_seq, updated_at) VALUES (true, $1, $2)
            ON CONFLICT (id) DO UPDATE SET last_seq = greatest(outreach.bookstore_feed.last_seq, EXCLUDED.last_seq), updated_at = EXCLUDED.updated_at
            """, connection);
        command.Parameters.AddWithValue(lastSeq);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
