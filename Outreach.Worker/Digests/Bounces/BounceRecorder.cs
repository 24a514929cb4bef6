using Npgsql;
using Outreach.Integrations.Mail;
using Outreach.Worker.Digests.Links;

namespace Outreach.Worker.Digests.Bounces;

/// <summary>What recording one bounced recipient did.</summary>
public enum BounceOutcome
{
    /// <summary>Recorded; the address is still mailed.</summary>
    Recorded,

    /// <summary>Recorded, and the address is no longer mailed.</summary>
    Suppressed,

    /// <summary>This report was recorded before (the mailbox was read twice).</summary>
    Duplicate,
}

/// <summary>
/// Records bounces against their deliveries and stops mailing an address after a hard bounce or
/// <see cref="SoftBounceLimit"/> soft bounces of different deliveries. Keyed by the address, so a reader whose roster
/// row brings a new address is mailed again.
/// </summary>
public sealed class BounceRecorder(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const int SoftBounceLimit = 3;

    public async Task<BounceOutcome> RecordAsync(string reportKey, DeliveryKey? delivery, BouncedRecipient recipient, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var kind = recipient.Kind == BounceKind.Hard ? "hard" : "soft";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The address the delivery went to is the one to stop; the report's own spelling only when no delivery is known.
        var address = recipient.Address.Trim().ToLowerInvariant();
        if (delivery is { } known)
        {
            await using var mark = new NpgsqlCommand("""
                UPDATE outreach.digest_deliveries SET bounced_at = $3,
                    bounce_kind = CASE WHEN bounce_kind = 'hard' OR $4 = 'hard' THEN 'hard' ELSE 'soft' END
                WHERE digest_id = $1 AND reader_id = $2
                RETURNING lower(address)
                """, connection, transaction);
            mark.Parameters.AddWithValue(known.DigestId);
            mark.Parameters.AddWithValue(known.ReaderId);
            mark.Parameters.AddWithValue(now);
            mark.Parameters.AddWithValue(kind);
            if (await mark.ExecuteScalarAsync(cancellationToken) is string sentTo && sentTo.Length > 0)
                address = sentTo;
        }

        await using var insert = new NpgsqlCommand("""
            INSERT INTO outreach.mail_bounces (report_key, digest_id, reader_id, address, kind, status_code, diagnostic, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (report_key, address) DO NOTHING
            """, connection, transaction);
        insert.Parameters.AddWithValue(reportKey);
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bigint, (object?)delivery?.DigestId ?? DBNull.Value);
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bigint, (object?)delivery?.ReaderId ?? DBNull.Value);
        insert.Parameters.AddWithValue(address);
        insert.Parameters.AddWithValue(kind);
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)recipient.Status ?? DBNull.Value);
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)SmtpReply.Scrub(recipient.Diagnostic) ?? DBNull.Value);
        insert.Parameters.AddWithValue(now);
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return BounceOutcome.Duplicate;
        }

        await using var suppress = new NpgsqlCommand($"""
            INSERT INTO outreach.mail_suppressions (address, reason, suppressed_at)
            SELECT $1, CASE WHEN bool_or(kind = 'hard') THEN 'hard bounce' ELSE count(DISTINCT (coalesce(digest_id, -id), reader_id)) || ' soft bounces' END, $2
            FROM outreach.mail_bounces WHERE address = $1
            HAVING bool_or(kind = 'hard') OR count(DISTINCT (coalesce(digest_id, -id), reader_id)) >= {SoftBounceLimit}
            ON CONFLICT (address) DO NOTHING
            """, connection, transaction);
        suppress.Parameters.AddWithValue(address);
        suppress.Parameters.AddWithValue(now);
        var suppressed = await suppress.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return suppressed ? BounceOutcome.Suppressed : BounceOutcome.Recorded;
    }
}
