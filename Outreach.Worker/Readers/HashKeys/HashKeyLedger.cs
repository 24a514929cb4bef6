using Npgsql;
using NpgsqlTypes;
using Outreach.Integrations.PersonalData;

namespace Outreach.Worker.Readers.HashKeys;

/// <summary>
/// The registry's record of the keys its ID-number hashes were made with (<c>outreach.hash_keys</c>, by fingerprint), and
/// the rotation from one key to the next. Changes to it take an exclusive lock that waits for the syncs holding it shared.
/// </summary>
public sealed class HashKeyLedger(NpgsqlDataSource dataSource, PersonalDataHasher hasher, TimeProvider clock)
{
    private const string LockKey = "outreach/hash-keys";

    /// <summary>What this host's configuration meets in the registry; changes nothing.</summary>
    public async Task<HashKeyVerdict> InspectAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await DecideAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Before a sync: records the first key, begins a rotation to this host's key, or refuses (<see cref="HashKeyRefusedException"/>).
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        switch (await InspectAsync(cancellationToken))
        {
            case HashKeyVerdict.Ready:
                return;
            case HashKeyVerdict.Refused refused:
                throw new HashKeyRefusedException(refused.Message);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, "pg_advisory_xact_lock", cancellationToken);
        var now = clock.GetUtcNow();
        switch (await DecideAsync(connection, cancellationToken))
        {
            case HashKeyVerdict.Record:
                await ExecuteAsync(connection, "UPDATE outreach.hash_keys SET retired_at = $1 WHERE retired_at IS NULL", cancellationToken, now);
                await RecordAsync(connection, now, cancellationToken);
                break;
            case HashKeyVerdict.BeginRotation begin:
                await RecordAsync(connection, now, cancellationToken);
                await CountRemainingAsync(connection, begin.PreviousId, cancellationToken);
                break;
            case HashKeyVerdict.Refused refused:
                throw new HashKeyRefusedException(refused.Message);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// In a sync's transaction: holds the registry's keys as they are until it commits, and says which to hash and match with.
    /// </summary>
    public async Task<HashKeyVerdict.Ready> HoldAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await LockAsync(connection, "pg_advisory_xact_lock_shared", cancellationToken);
        return await DecideAsync(connection, cancellationToken) switch
        {
            HashKeyVerdict.Ready ready => ready,
            HashKeyVerdict.Refused refused => throw new HashKeyRefusedException(refused.Message),
            // Another host changed the keys between PrepareAsync and here: the retry prepares again.
            _ => throw new InvalidOperationException("The registry's hash keys changed while the sync started; the sync is retried."),
        };
    }

    /// <summary>
    /// In a sync's transaction while rotating: counts the readers whose hash the previous key still made, for staff, and
    /// retires that key when none is left (the rotation is then finished).
    /// </summary>
    public async Task<long> CountRemainingAsync(NpgsqlConnection connection, short previousId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH remaining AS (SELECT count(*) AS n FROM outreach.readers WHERE id_hash_key = $1 AND id_hash IS NOT NULL)
            UPDATE outreach.hash_keys k SET hashes_remaining = r.n, counted_at = $2, retired_at = CASE WHEN r.n = 0 THEN $2 END
            FROM remaining r WHERE k.id = $1
            RETURNING r.n
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(NpgsqlDbType.Smallint, previousId);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Ends a rotation for the operator: refused while hashes remain under the previous key, unless they are forgotten (set
    /// to NULL: those readers keep their masked ID number, but a later move of theirs can no longer be matched).
    /// </summary>
    /// <returns>How many hashes were forgotten; null when no rotation was in progress.</returns>
    public async Task<long?> FinishRotationAsync(bool forgetRemaining, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, "pg_advisory_xact_lock", cancellationToken);
        var active = await ActiveAsync(connection, cancellationToken);
        if (active.Count < 2)
        {
            return null;
        }

        var previous = active[0];
        var remaining = await CountRemainingAsync(connection, previous.Id, cancellationToken);
        if (remaining > 0 && !forgetRemaining)
        {
            throw new HashKeyRefusedException(
                $"{remaining:N0} readers still have an ID-number hash made by the previous key (fingerprint {PersonalDataHasher.Show(previous.Fingerprint)}): " +
                "they have not been listed in any roster since the rotation began. Run a full sync of every community, or finish with " +
                "--forget-remaining: their hashes are then cleared (they keep their masked ID number, but a later move of theirs to another " +
                "community can no longer be matched).");
        }

        await ExecuteAsync(connection, "UPDATE outreach.readers SET id_hash = NULL WHERE id_hash_key = $1 AND id_hash IS NOT NULL", cancellationToken,
            previous.Id);
        await ExecuteAsync(connection, "UPDATE outreach.hash_keys SET retired_at = $2, hashes_remaining = 0, counted_at = $2 WHERE id = $1",
            cancellationToken, previous.Id, clock.GetUtcNow());
        await transaction.CommitAsync(cancellationToken);
        return remaining;
    }

    private async Task<HashKeyVerdict> DecideAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var active = await ActiveAsync(connection, cancellationToken);
        await using var holds = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM outreach.readers WHERE id_hash IS NOT NULL)", connection);
        var registryHoldsHashes = (bool)(await holds.ExecuteScalarAsync(cancellationToken))!;
        return HashKeyVerdict.Decide(active, hasher.Fingerprint, hasher.PreviousFingerprint, registryHoldsHashes);
    }

    /// <summary>The keys not retired, oldest first (a key rotated back to is recorded again, as the newest).</summary>
    public static async Task<List<RecordedHashKey>> ActiveAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, fingerprint, hashes_remaining, counted_at FROM outreach.hash_keys WHERE retired_at IS NULL ORDER BY recorded_at, id", connection);
        var keys = new List<RecordedHashKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new RecordedHashKey(reader.GetInt16(0), reader.GetFieldValue<byte[]>(1), reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return keys;
    }

    // The first key is 1: the readers' hashes made before keys were recorded belong to it (the column's default).
    private async Task RecordAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, """
            INSERT INTO outreach.hash_keys (id, fingerprint, recorded_at)
            SELECT coalesce(max(id), 0) + 1, $1, $2 FROM outreach.hash_keys
            ON CONFLICT (fingerprint) DO UPDATE SET
                retired_at = NULL, recorded_at = EXCLUDED.recorded_at, hashes_remaining = NULL, counted_at = NULL
            """, cancellationToken, hasher.Fingerprint, now);

    private static async Task LockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}(hashtextextended($1, 0))", connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(LockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
