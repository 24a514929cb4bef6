using Npgsql;

namespace Outreach.Worker.Seats.Notices;

/// <summary>
/// The notices the clock and the event editor call for, owed set-based by the sweep: the reminder before the start to
/// readers who registered before the reminder window opened, and a change or cancellation notice to everyone with a
/// place when an event's title, venue, time or cancellation differs from what residents were told. Keyed like every
/// notice, so a second sweep owes nothing twice.
/// </summary>
public sealed class SeatNoticeOwing(NpgsqlDataSource dataSource)
{
    public async Task<long> OweRemindersAsync(DateTimeOffset now, TimeSpan before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO outreach.seat_notices (registration_id, kind, dedupe, created_at)
            SELECT r.id, 'reminder', r.round::text, $1
            FROM outreach.seat_registrations r JOIN outreach.events e ON e.id = r.event_id
            WHERE r.status = 'registered' AND r.channel <> 'walk_in' AND NOT e.cancelled
              AND e.starts_at > $1 AND e.starts_at <= $1 + $2 AND r.queued_at < e.starts_at - $2
            ON CONFLICT (registration_id, kind, dedupe) DO NOTHING
            """);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(before);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <returns>The notices owed.</returns>
    public async Task<long> OweChangesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Locked like any change of the event's seats, so a registration at this moment is either told or counted after.
        await using var command = new NpgsqlCommand("""
            WITH changed AS (
                SELECT s.event_id, e.cancelled, outreach.seat_event_version(e.title, e.venue, e.starts_at, e.ends_at, e.cancelled) AS version
                FROM outreach.event_seats s JOIN outreach.events e ON e.id = s.event_id
                WHERE s.told <> outreach.seat_event_version(e.title, e.venue, e.starts_at, e.ends_at, e.cancelled)
                ORDER BY s.event_id
                FOR UPDATE OF s),
            owed AS (
                INSERT INTO outreach.seat_notices (registration_id, kind, dedupe, created_at)
                SELECT r.id, CASE WHEN c.cancelled THEN 'cancelled' ELSE 'changed' END, c.version, $1
                FROM changed c JOIN outreach.seat_registrations r ON r.event_id = c.event_id
                WHERE r.status IN ('registered', 'offered', 'waiting')
                ON CONFLICT (registration_id, kind, dedupe) DO NOTHING
                RETURNING 1),
            told AS (
                UPDATE outreach.event_seats s SET told = c.version, updated_at = $1 FROM changed c WHERE s.event_id = c.event_id)
            SELECT count(*) FROM owed
            """, connection, transaction);
        command.Parameters.AddWithValue(now);
        var owed = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return owed;
    }
}
