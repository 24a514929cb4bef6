using Npgsql;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Orders.Notices;

/// <summary>
/// outreach.book_order_notices in PostgreSQL: a notice is claimed under its row's lock (FOR UPDATE SKIP LOCKED) in a
/// transaction that records its attempt and commits, so two workers never send the same notice.
/// </summary>
public sealed class DueNotices(NpgsqlDataSource dataSource, TimeProvider clock) : IDueNotices
{
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM outreach.book_order_notices WHERE sent_at IS NULL AND given_up_at IS NULL");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IClaimedNotice?> ClaimNextAsync(DateTimeOffset runStarted, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var select = new NpgsqlCommand("""
                SELECT n.order_id, n.kind, n.attempts, o.order_ref, o.title, o.deliver_kind, o.deliver_community, o.status_reason, r.name, r.email,
                       o.status_reason_code, o.status_reason_args::text
                FROM outreach.book_order_notices n
                JOIN outreach.book_orders o ON o.id = n.order_id
                JOIN outreach.readers r ON r.id = o.reader_id
                WHERE n.sent_at IS NULL AND n.given_up_at IS NULL AND (n.last_try_at IS NULL OR n.last_try_at < $1)
                ORDER BY n.created_at, n.order_id
                LIMIT 1
                FOR UPDATE OF n SKIP LOCKED
                """, connection);
            select.Parameters.AddWithValue(runStarted);
            await using var row = await select.ExecuteReaderAsync(cancellationToken);
            if (!await row.ReadAsync(cancellationToken))
            {
                await connection.DisposeAsync();
                return null;
            }

            var notice = new NoticeSubject(row.GetString(3), row.GetString(1), row.GetString(4), row.GetString(5),
                row.IsDBNull(6) ? null : row.GetString(6),
                StoredMessage.From(row.IsDBNull(7) ? null : row.GetString(7), row.IsDBNull(10) ? null : row.GetString(10), row.IsDBNull(11) ? null : row.GetString(11)),
                row.GetString(8),
                row.IsDBNull(9) ? "" : row.GetString(9));
            return new Claim(connection, transaction, row.GetInt64(0), row.GetInt32(2), notice, clock);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Claim(NpgsqlConnection connection, NpgsqlTransaction transaction, long orderId, int attempts, NoticeSubject notice,
        TimeProvider clock) : IClaimedNotice
    {
        public NoticeSubject Notice => notice;

        public int Attempts => attempts;

        // Written right after the server's answer, even if the job is being cancelled: the message has gone.
        public async Task RecordAsync(string outcome, StaffMessage? reason)
        {
            await using var record = new NpgsqlCommand("""
                UPDATE outreach.book_order_notices
                SET attempts = attempts + 1, last_try_at = $3, last_error = $4, last_error_code = $6, last_error_args = $7,
                    sent_at = CASE WHEN $5 = 'sent' THEN $3 END, given_up_at = CASE WHEN $5 = 'given_up' THEN $3 END
                WHERE order_id = $1 AND kind = $2
                """, connection, transaction);
            record.Parameters.AddWithValue(orderId);
            record.Parameters.AddWithValue(notice.Kind);
            record.Parameters.AddWithValue(clock.GetUtcNow());
            record.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)reason?.English ?? DBNull.Value);
            record.Parameters.AddWithValue(outcome);
            record.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)reason?.Code ?? DBNull.Value);
            record.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Jsonb, (object?)reason?.ArgsJson ?? DBNull.Value);
            await record.ExecuteNonQueryAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
