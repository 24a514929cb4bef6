using Npgsql;
using Outreach.Worker.Digests.Sending;

namespace Outreach.Worker.Seats.Notices;

/// <summary>A claimed notice with what its mail says: the reader's address, their place, and the event as it is now.</summary>
public sealed record ClaimedSeatNotice(long Id, string Kind, long RegistrationId, long ReaderId, string? Email, bool Bounced, int Guests, string Status,
    DateTimeOffset? OfferExpiresAt, int Position, SeatNoticeEvent Event);

/// <summary>The event a notice speaks of.</summary>
public sealed record SeatNoticeEvent(long Id, string Kind, string Title, string Summary, string Venue, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset UpdatedAt, bool Cancelled);

/// <summary>What became of a claimed notice.</summary>
public enum SeatNoticeOutcome
{
    Sent,
    Failed,
    Released,
    Skipped,
    Uncertain,
}

/// <summary>
/// outreach.seat_notices with the digest ledger's discipline: a notice is sent only after its row moved from 'pending' to
/// 'sending' in a statement of its own, and is recorded 'sent' right after the server accepted it. Nothing moves a row
/// out of 'sent', nor out of 'sending' except the outcome of the run that claimed it: a crash in between leaves it
/// 'sending' for staff, never sent a second time.
/// </summary>
public sealed class SeatNoticeLedger(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outreach.seat_notices WHERE status = 'pending'");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Claims up to <paramref name="limit"/> pending notices not tried since <paramref name="runStarted"/>; no one else can take them.</summary>
    public async Task<IReadOnlyList<ClaimedSeatNotice>> ClaimAsync(int limit, DateTimeOffset runStarted)
    {
        await using var command = dataSource.CreateCommand("""
            WITH picked AS (
                SELECT id FROM outreach.seat_notices
                WHERE status = 'pending' AND (claimed_at IS NULL OR claimed_at < $2)
                ORDER BY id
                LIMIT $1
                FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE outreach.seat_notices n SET status = 'sending', attempts = n.attempts + 1, claimed_at = $3, claimed_by = $4
                FROM picked WHERE n.id = picked.id
                RETURNING n.id, n.kind, n.registration_id)
            SELECT c.id, c.kind, r.id, r.reader_id, rd.email, s.address IS NOT NULL, r.guests, r.status, r.offer_expires_at,
                   (SELECT count(*) FROM outreach.seat_registrations w
                    WHERE w.event_id = r.event_id AND w.status = 'waiting' AND (w.queued_at, w.id) <= (r.queued_at, r.id)),
                   e.id, e.kind, e.title, e.summary, e.venue, e.starts_at, e.ends_at, e.updated_at, e.cancelled
            FROM claimed c
            JOIN outreach.seat_registrations r ON r.id = c.registration_id
            JOIN outreach.readers rd ON rd.id = r.reader_id
            JOIN outreach.events e ON e.id = r.event_id
            LEFT JOIN outreach.mail_suppressions s ON s.address = lower(rd.email)
            ORDER BY c.id
            """);
        command.Parameters.AddWithValue(limit);
        command.Parameters.AddWithValue(runStarted);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        command.Parameters.AddWithValue(DeliveryLedger.Worker);
        var claims = new List<ClaimedSeatNotice>(limit);
        // Never cancelled half-way: a claim that committed must reach the caller, which sends or releases it.
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        while (await reader.ReadAsync(CancellationToken.None))
        {
            claims.Add(new ClaimedSeatNotice(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5), reader.GetInt32(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), (int)reader.GetInt64(9),
                new SeatNoticeEvent(reader.GetInt64(10), reader.GetString(11), reader.GetString(12), reader.GetString(13), reader.GetString(14),
                    reader.GetFieldValue<DateTimeOffset>(15), reader.GetFieldValue<DateTimeOffset>(16), reader.GetFieldValue<DateTimeOffset>(17),
                    reader.GetBoolean(18))));
        }

        return claims;
    }

    /// <summary>Records one claimed notice's outcome, whatever stops the run: a message the server accepted must be written down.</summary>
    public async Task RecordAsync(long noticeId, SeatNoticeOutcome outcome, string reply)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE outreach.seat_notices SET
                status = CASE $2 WHEN 'sent' THEN 'sent' WHEN 'failed' THEN 'failed' WHEN 'released' THEN 'pending'
                                 WHEN 'skipped' THEN 'skipped' ELSE status END,
                sent_at = CASE WHEN $2 = 'sent' THEN $4 ELSE sent_at END,
                reply = $3
            WHERE id = $1 AND status = 'sending'
            """);
        command.Parameters.AddWithValue(noticeId);
        command.Parameters.AddWithValue(outcome.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue(reply);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
