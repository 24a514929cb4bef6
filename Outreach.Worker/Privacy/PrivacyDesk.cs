using Npgsql;
using Outreach.Worker.Audit;

namespace Outreach.Worker.Privacy;

/// <summary>A resident who asked to be erased and whose roster rows are therefore not applied.</summary>
public sealed record Suppression(string Community, string ResidentId, string Receipt, DateTimeOffset Since);

/// <summary>
/// What an admin does for a resident who exercises their rights: the access file, erasure at once with its receipt,
/// and lifting an erased resident's suppression when they join again. Each leaves its audit entry.
/// </summary>
public sealed class PrivacyDesk(NpgsqlDataSource dataSource, ResidentRecord record, Erasure erasure, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The access file of one reader, recorded as an export; null when there is no such reader.</summary>
    public async Task<(byte[] Content, string FileName)?> AccessFileAsync(long readerId, AuditActor admin, CancellationToken cancellationToken)
    {
        if (await record.ReadAsync(readerId, cancellationToken) is not { } sections)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await audit.AppendAsync(admin, new AuditEntry(AuditActions.ReaderAccessExported, AuditEntry.Reader(readerId)), cancellationToken);
        return (AccessFile.Write(readerId, now, sections), AccessFile.FileName(readerId, now));
    }

    /// <summary>
    /// Erases one reader now, on their request: the same erasure as retention, plus a suppression of their resident id
    /// so the next roster does not bring them back. The receipt; null when there is no such reader or it was erased before.
    /// </summary>
    public async Task<ErasureReceipt?> EraseAsync(long readerId, AuditActor admin, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? community = null, residentId = null;
        await using (var find = new NpgsqlCommand(
            "SELECT community, resident_id FROM outreach.readers WHERE id = $1 AND erased_at IS NULL FOR UPDATE", connection, transaction))
        {
            find.Parameters.AddWithValue(readerId);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                (community, residentId) = (reader.GetString(0), reader.GetString(1));
            }
        }

        if (community is null || residentId is null)
        {
            return null;
        }

        var receipt = (await erasure.EraseAsync(connection, transaction, [readerId], ErasureReasons.Request, admin, cancellationToken)).Single();
        await using (var suppress = new NpgsqlCommand("""
            INSERT INTO outreach.erasure_suppressions (community, resident_id, receipt, since) VALUES ($1, $2, $3, $4)
            ON CONFLICT (community, resident_id) DO UPDATE SET receipt = EXCLUDED.receipt, since = EXCLUDED.since
            """, connection, transaction))
        {
            suppress.Parameters.AddWithValue(community);
            suppress.Parameters.AddWithValue(residentId);
            suppress.Parameters.AddWithValue(receipt.Receipt);
            suppress.Parameters.AddWithValue(receipt.ErasedAt);
            await suppress.ExecuteNonQueryAsync(cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, admin, new AuditEntry(AuditActions.ReaderErased, AuditEntry.Reader(readerId),
            new Dictionary<string, string> { ["receipt"] = receipt.Receipt, ["reason"] = ErasureReasons.Request }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return receipt;
    }

    /// <summary>The receipt of a reader's erasure, or null when they were not erased.</summary>
    public async Task<ErasureReceipt?> ReceiptAsync(long readerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT receipt, reason, requested_by, erased_at, card_number, card_withdrawn_on, erased FROM outreach.erasures WHERE reader_id = $1
            """);
        command.Parameters.AddWithValue(readerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ErasureReceipt(reader.GetString(0), readerId, reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<string[]>(6))
            : null;
    }

    /// <summary>The residents whose roster rows are not applied because they asked to be erased.</summary>
    public async Task<IReadOnlyList<Suppression>> SuppressionsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT community, resident_id, receipt, since FROM outreach.erasure_suppressions ORDER BY since DESC LIMIT 500");
        var list = new List<Suppression>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Suppression(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return list;
    }

    /// <summary>The resident joined again: their roster rows are applied again from the next sync (as a new reader).</summary>
    public async Task<bool> LiftSuppressionAsync(string community, string residentId, AuditActor admin, CancellationToken cancellationToken) =>
        await audit.ChangeAsync(admin, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(
                "DELETE FROM outreach.erasure_suppressions WHERE community = $1 AND resident_id = $2 RETURNING receipt", connection, transaction);
            command.Parameters.AddWithValue(community);
            command.Parameters.AddWithValue(residentId);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        },
        receipt => receipt is null ? null : new AuditEntry(AuditActions.SuppressionLifted, "erasure:" + receipt,
            new Dictionary<string, string> { ["community"] = community }),
        cancellationToken) is not null;
}
