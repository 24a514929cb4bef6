using Npgsql;
using NpgsqlTypes;

namespace Outreach.Worker.Digests.Consent;

/// <summary>Where a consent came from.</summary>
public static class ConsentSources
{
    public const string Roster = "roster";
    public const string PreferencesPage = "preferences_page";
    public const string UnsubscribeLink = "unsubscribe_link";
    public const string UnsubscribeMail = "unsubscribe_mail";
    public const string Erasure = "erasure";
}

/// <summary>One change of a reader's consent to the digest mail.</summary>
public sealed record ConsentRecord(DateTimeOffset At, string Source, string? Community, long? RunId, bool Subscribed, IReadOnlyList<string>? Kinds);

/// <summary>
/// The consent record of the digest mail: appended when a roster changes a reader's consent (in the sync's own
/// transaction) and when a reader chooses on the pages or unsubscribes; read for the reader's access file.
/// </summary>
public sealed class MailConsents(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// What this roster run said about consent, for the readers it inserted or changed: a new reader who consents, and
    /// any reader whose consent differs from what their last roster said. A reader this run inserted (created at the run's
    /// instant) has no record to look up: on a first load of a million residents that is a million index probes saved.
    /// </summary>
    public static async Task<long> RecordRosterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string community, long runId,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO outreach.mail_consents (reader_id, at, source, community, run_id, subscribed)
            SELECT r.id, $3, 'roster', $1, $2, r.email_opt_in
            FROM outreach.readers r
            WHERE r.community = $1 AND r.last_run_id = $2
              AND CASE WHEN r.created_at = $3 THEN r.email_opt_in
                       ELSE coalesce((SELECT c.subscribed FROM outreach.mail_consents c
                                      WHERE c.reader_id = r.id AND c.source = 'roster' ORDER BY c.id DESC LIMIT 1) <> r.email_opt_in,
                                     r.email_opt_in) END
            """, connection, transaction) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(community);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(now);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Appends a reader's own choice inside the caller's transaction.</summary>
    public static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long readerId, DateTimeOffset at, string source,
        bool subscribed, IReadOnlyList<string>? kinds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO outreach.mail_consents (reader_id, at, source, subscribed, kinds) VALUES ($1, $2, $3, $4, $5)
            """, connection, transaction);
        command.Parameters.AddWithValue(readerId);
        command.Parameters.AddWithValue(at);
        command.Parameters.AddWithValue(source);
        command.Parameters.AddWithValue(subscribed);
        command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, (object?)kinds?.ToArray() ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every change of one reader's consent, oldest first.</summary>
    public async Task<IReadOnlyList<ConsentRecord>> OfReaderAsync(long readerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT at, source, community, run_id, subscribed, kinds FROM outreach.mail_consents WHERE reader_id = $1 ORDER BY id
            """);
        command.Parameters.AddWithValue(readerId);
        var records = new List<ConsentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new ConsentRecord(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetBoolean(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<string[]>(5)));
        }

        return records;
    }
}
