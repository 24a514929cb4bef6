using Npgsql;
using NpgsqlTypes;
using Outreach.Integrations.PersonalData;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Readers.HashKeys;

/// <summary>
/// Gives every reader with a phone on record its phone hash under the registry's current key: the readers the sync wrote
/// before phones were hashed, and, after a rotation of the hash key, those still hashed under the previous one. The sync
/// hashes each phone it writes, so once this has run, only a rotation gives it anything to do again.
/// </summary>
public sealed class PhoneHashJob(NpgsqlDataSource dataSource, HashKeyLedger ledger, PersonalDataHasher hasher, JobRuns runs)
{
    public const string Name = "phone-hashes";
    private const int BatchSize = 5_000;

    public Task RunAsync(CancellationToken cancellationToken) =>
        runs.RunAsync(new RunSubject(Name, "all") { IfCancelled = StaffMessage.Of("Cancelled.PhoneHashesGoOn", $"the next run goes on where this one stopped") }, async run =>
        {
            // As a sync does: records the first key, or begins a rotation to this host's key, or refuses with what to configure.
            await ledger.PrepareAsync(cancellationToken);
            long hashed = 0, afterId = 0;
            int batch;
            do
            {
                (batch, afterId, var written) = await HashBatchAsync(afterId, cancellationToken);
                hashed += written;
                await run.ProgressAsync(null, new Dictionary<string, long> { ["phones_hashed"] = hashed }, cancellationToken);
            }
            while (batch == BatchSize);

            await run.SucceedAsync(new Dictionary<string, long> { ["phones_hashed"] = hashed }, null, cancellationToken);
        }, cancellationToken);

    /// <returns>The readers read, the last one's id, and how many phones got a hash.</returns>
    private async Task<(int Read, long LastId, long Written)> HashBatchAsync(long afterId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Each batch holds the keys as a sync does, so a rotation cannot begin or end between reading the key and writing.
        var keys = await ledger.HoldAsync(connection, cancellationToken);
        var ids = new List<long>(BatchSize);
        var phones = new List<string>(BatchSize);
        await using (var select = new NpgsqlCommand("""
            SELECT id, phone FROM outreach.readers
            WHERE id > $1 AND phone IS NOT NULL AND phone_hash_key IS DISTINCT FROM $2
            ORDER BY id LIMIT $3
            """, connection, transaction))
        {
            select.Parameters.AddWithValue(afterId);
            select.Parameters.AddWithValue(NpgsqlDbType.Smallint, keys.CurrentId);
            select.Parameters.AddWithValue(BatchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
                phones.Add(reader.GetString(1));
            }
        }

        if (ids.Count == 0)
        {
            return (0, afterId, 0);
        }

        // A phone the roster validated is in normal form; one that cannot be read as a mobile number gets no hash, but is
        // marked as looked at under this key, so the next run does not read it again.
        var hashes = phones.Select(p => ContactValidation.TryNormalizeDialledNumber(p, out var mobile) ? hasher.HashPhone(mobile) : null).ToArray();
        await using var update = new NpgsqlCommand("""
            WITH hashed AS (
                UPDATE outreach.readers r SET phone_hash = u.hash, phone_hash_key = $4
                FROM unnest($1::bigint[], $2::text[], $3::bytea[]) AS u(id, phone, hash)
                -- A sync that changed the phone since it was read has hashed the new one itself.
                WHERE r.id = u.id AND r.phone = u.phone
                RETURNING r.phone_hash)
            SELECT count(phone_hash) FROM hashed
            """, connection, transaction);
        update.Parameters.AddWithValue(ids.ToArray());
        update.Parameters.AddWithValue(phones.ToArray());
        update.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bytea, hashes);
        update.Parameters.AddWithValue(NpgsqlDbType.Smallint, keys.CurrentId);
        var written = (long)(await update.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return (ids.Count, ids[^1], written);
    }
}
