using Npgsql;
using NpgsqlTypes;
using Outreach.Worker.Digests.Consent;
using Outreach.Worker.Digests.Events;

namespace Outreach.Worker.Digests.Preferences;

/// <summary>A reader's mail choices: unsubscribed or not, and the kinds of event wanted (null: every kind).</summary>
public sealed record ReaderMailChoice(long ReaderId, bool Unsubscribed, IReadOnlyList<string>? Kinds);

/// <summary>What saving the preferences page did.</summary>
public enum ChoiceOutcome
{
    /// <summary>No such reader.</summary>
    NotFound,

    /// <summary>Subscribed, to the kinds chosen.</summary>
    Subscribed,

    /// <summary>No kind chosen: the reader receives nothing, as after an unsubscribe.</summary>
    NothingChosen,

    /// <summary>The reader is unsubscribed and did not ask to subscribe again: the kinds are kept for then, nothing is sent.</summary>
    StillUnsubscribed,
}

/// <summary>
/// Unsubscribes and kind choices, written at once with their line in the consent record: a running digest reads them
/// when it claims each copy, so they take effect for the rest of that digest too. Consent is only ever given
/// explicitly: an empty save chooses nothing, and an unsubscribed reader is subscribed again only when they ask to be.
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

    /// <summary>Unsubscribes; idempotent (the first time is kept and recorded). False when there is no such reader.</summary>
    public async Task<bool> UnsubscribeAsync(long readerId, string source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO outreach.mail_preferences (reader_id, unsubscribed_at, updated_at)
            SELECT id, $2, $2 FROM outreach.readers WHERE id = $1
            ON CONFLICT (reader_id) DO UPDATE SET unsubscribed_at = coalesce(outreach.mail_preferences.unsubscribed_at, EXCLUDED.unsubscribed_at),
                updated_at = CASE WHEN outreach.mail_preferences.unsubscribed_at IS NULL THEN EXCLUDED.updated_at ELSE outreach.mail_preferences.updated_at END
            RETURNING unsubscribed_at = $2, kinds
            """, connection, transaction);
        command.Parameters.AddWithValue(readerId);
        command.Parameters.AddWithValue(now);
        bool changed;
        string[]? kinds;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
                return false;
            (changed, kinds) = (reader.GetBoolean(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<string[]>(1));
        }

        if (changed)
            await MailConsents.RecordAsync(connection, transaction, readerId, now, source, subscribed: false, kinds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Saves the preferences page: the kinds chosen (all known kinds store null = every kind; none stores an empty
    /// choice, which receives nothing). An unsubscribed reader is subscribed again only with <paramref name="resubscribe"/>.
    /// </summary>
    public async Task<ChoiceOutcome> ChooseAsync(long readerId, IReadOnlyCollection<string> kinds, bool resubscribe, CancellationToken cancellationToken)
    {
        var known = kinds.Where(EventKinds.IsKnown).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var stored = known.Length == EventKinds.All.Count ? null : known;
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            WITH current AS (
                SELECT r.id, p.unsubscribed_at, p.kinds FROM outreach.readers r LEFT JOIN outreach.mail_preferences p ON p.reader_id = r.id
                WHERE r.id = $1 FOR UPDATE OF r)
            INSERT INTO outreach.mail_preferences AS p (reader_id, unsubscribed_at, kinds, updated_at)
            SELECT id, CASE WHEN unsubscribed_at IS NOT NULL AND NOT $4 THEN unsubscribed_at END, $2, $3 FROM current
            ON CONFLICT (reader_id) DO UPDATE SET unsubscribed_at = EXCLUDED.unsubscribed_at, kinds = EXCLUDED.kinds, updated_at = EXCLUDED.updated_at
            RETURNING p.unsubscribed_at IS NULL, (SELECT unsubscribed_at IS NULL AND kinds IS NOT DISTINCT FROM $2 FROM current)
            """, connection, transaction);
        command.Parameters.AddWithValue(readerId);
        command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, (object?)stored ?? DBNull.Value);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(resubscribe);
        bool subscribed, unchanged;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
                return ChoiceOutcome.NotFound;
            (subscribed, unchanged) = (reader.GetBoolean(0), !reader.IsDBNull(1) && reader.GetBoolean(1));
        }

        if (subscribed && !unchanged)
            await MailConsents.RecordAsync(connection, transaction, readerId, now, ConsentSources.PreferencesPage, stored is not { Length: 0 }, stored,
                cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return !subscribed ? ChoiceOutcome.StillUnsubscribed : stored is { Length: 0 } ? ChoiceOutcome.NothingChosen : ChoiceOutcome.Subscribed;
    }
}
