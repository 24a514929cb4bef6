using Npgsql;
using NpgsqlTypes;
using Outreach.Worker.Digests.Events;

namespace Outreach.Worker.Digests.Preferences;

/// <summary>A reader's mail choices: unsubscribed or not, and the kinds of event wanted (null: every kind).</summary>
public sealed record ReaderMailChoice(long ReaderId, bool Unsubscribed, IReadOnlyList<string>? Kinds);

/// <summary>
/// Unsubscribes and kind choices, written at once: a running digest reads them when it claims each copy, so they
/// take effect for the rest of that digest too.
/// </summary>
public sealed class MailPreferences(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>The reader's current choice; null when there is no such reader.</summary>
    public async Task<ReaderMailChoice?> FindAsync(long readerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.id, p.unsubscribed_at IS NOT NULL, p.kinds
            FROM outreach.readers r LEFT JOIN outreach.mail_preferences p ON p.reader_id = r.id
            WHERE r.id = $1
            """);
        command.Parameters.AddWithValue(readerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new ReaderMailChoice(reader.GetInt64(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<string[]>(2));
    }

    /// <summary>Unsubscribes; idempotent (the first time is kept). False when there is no such reader.</summary>
    public async Task<bool> UnsubscribeAsync(long readerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO outreach.mail_preferences (reader_id, unsubscribed_at, updated_at)
            SELECT id, $2, $2 FROM outreach.readers WHERE id = $1
            ON CONFLICT (reader_id) DO UPDATE SET unsubscribed_at = coalesce(outreach.mail_preferences.unsubscribed_at, EXCLUDED.unsubscribed_at),
                updated_at = CASE WHEN outreach.mail_preferences.unsubscribed_at IS NULL THEN EXCLUDED.updated_at ELSE outreach.mail_preferences.updated_at END
            """);
        command.Parameters.AddWithValue(readerId);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Sets the kinds wanted (all kinds, or none of the known ones, stores null = every kind) and subscribes again.
    /// False when there is no such reader.
    /// </summary>
    public async Task<bool> ChooseAsync(long readerId, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken)
    {
        var known = kinds.Where(EventKinds.IsKnown).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var stored = known.Length == 0 || known.Length == EventKinds.All.Count ? null : known;
        await using var command = dataSource.CreateCommand("""
            INSERT INTO outreach.mail_preferences (reader_id, unsubscribed_at, kinds, updated_at)
            SELECT id, NULL, $2, $3 FROM outreach.readers WHERE id = $1
            ON CONFLICT (reader_id) DO UPDATE SET unsubscribed_at = NULL, kinds = EXCLUDED.kinds, updated_at = EXCLUDED.updated_at
            """);
        command.Parameters.AddWithValue(readerId);
        command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, (object?)stored ?? DBNull.Value);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
