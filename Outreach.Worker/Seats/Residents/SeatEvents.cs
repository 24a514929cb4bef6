using Npgsql;

namespace Outreach.Worker.Seats.Residents;

/// <summary>An event with seats as residents see it: what, when, where, and how many seats are left now.</summary>
public sealed record SeatEvent(long Id, string Kind, string Title, string Summary, string Venue, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int Capacity, int Held, int Waiting, bool Open, bool Cancelled, int Registered = 0, int CheckedIn = 0)
{
    public int Free => Math.Max(0, Capacity - Held);
}

/// <summary>Reads the events residents may register for (those with a capacity).</summary>
public sealed class SeatEvents(NpgsqlDataSource dataSource)
{
    /// <summary>The event, or null when there is none with seats by that id.</summary>
    public async Task<SeatEvent?> FindAsync(long eventId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT e.id, e.kind, e.title, e.summary, e.venue, e.starts_at, e.ends_at, e.capacity, coalesce(s.held, 0),
                   (SELECT count(*) FROM outreach.seat_registrations w WHERE w.event_id = e.id AND w.status = 'waiting'),
                   coalesce(s.open, true), e.cancelled,
                   (SELECT count(*) FROM outreach.seat_registrations x WHERE x.event_id = e.id AND x.status = 'registered'),
                   (SELECT count(*) FROM outreach.seat_registrations x WHERE x.event_id = e.id AND x.checked_in_at IS NOT NULL)
            FROM outreach.events e LEFT JOIN outreach.event_seats s ON s.event_id = e.id
            WHERE e.id = $1 AND e.capacity IS NOT NULL
            """);
        command.Parameters.AddWithValue(eventId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SeatEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt32(7), reader.GetInt32(8),
            (int)reader.GetInt64(9), reader.GetBoolean(10), reader.GetBoolean(11), (int)reader.GetInt64(12), (int)reader.GetInt64(13));
    }
}
