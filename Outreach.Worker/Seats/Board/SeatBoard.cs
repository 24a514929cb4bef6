using System.Globalization;
using System.Text;
using Npgsql;

namespace Outreach.Worker.Seats.Board;

/// <summary>An upcoming event with seats, for staff: fill, list and check-ins.</summary>
public sealed record SeatEventRow(long Id, string Kind, string Title, DateTimeOffset StartsAt, int Capacity, int Held, int Registered, int Offered, int Waiting,
    int CheckedIn, bool Open, bool Cancelled)
{
    /// <summary>Seats held as a share of the capacity (0 when there is none).</summary>
    public double Fill => Capacity == 0 ? 0 : (double)Held / Capacity;
}

/// <summary>One reader's place, as staff may see it: masked name and the card's last four characters only.</summary>
public sealed record SeatPlaceRow(long RegistrationId, string NameMasked, string CardTail, string Community, string Status, int Guests, string Channel,
    DateTimeOffset QueuedAt, DateTimeOffset? OfferExpiresAt, DateTimeOffset? CheckedInAt);

/// <summary>The staff read model of seats: upcoming events with their fill and list, one event's places, its csv.</summary>
public sealed class SeatBoard(NpgsqlDataSource dataSource)
{
    private const int MaxEvents = 200;

    /// <summary>Events with seats not over yet at <paramref name="from"/>, by start.</summary>
    public Task<IReadOnlyList<SeatEventRow>> UpcomingAsync(DateTimeOffset from, CancellationToken cancellationToken) =>
        EventsAsync(null, from, cancellationToken);

    public async Task<SeatEventRow?> EventAsync(long eventId, CancellationToken cancellationToken) =>
        (await EventsAsync(eventId, null, cancellationToken)).SingleOrDefault();

    /// <summary>Everyone who asked for a place at the event, in the order they asked (cancelled and expired included).</summary>
    public async Task<IReadOnlyList<SeatPlaceRow>> PlacesAsync(long eventId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.id, rd.name_masked, right(coalesce(c.card_number, ''), 4), rd.community, r.status, r.guests, r.channel, r.queued_at,
                   r.offer_expires_at, r.checked_in_at
            FROM outreach.seat_registrations r
            JOIN outreach.readers rd ON rd.id = r.reader_id
            LEFT JOIN outreach.cards c ON c.reader_id = r.reader_id
            WHERE r.event_id = $1
            ORDER BY CASE r.status WHEN 'registered' THEN 0 WHEN 'offered' THEN 1 WHEN 'waiting' THEN 2 ELSE 3 END, r.queued_at, r.id
            LIMIT 5000
            """);
        command.Parameters.AddWithValue(eventId);
        var rows = new List<SeatPlaceRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SeatPlaceRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return rows;
    }

    /// <summary>The event's places as csv (UTF-8 with BOM for spreadsheet programs), masked as on the page.</summary>
    public static byte[] Csv(IReadOnlyList<SeatPlaceRow> places, Func<DateTimeOffset, string> format)
    {
        var csv = new StringBuilder("name_masked,card_last4,community,status,guests,channel,asked_at,offer_until,checked_in_at\r\n");
        foreach (var p in places)
        {
            csv.Append(Field(p.NameMasked)).Append(',').Append(Field(p.CardTail)).Append(',').Append(Field(p.Community)).Append(',')
                .Append(p.Status).Append(',').Append(p.Guests.ToString(CultureInfo.InvariantCulture)).Append(',').Append(p.Channel).Append(',')
                .Append(format(p.QueuedAt)).Append(',').Append(p.OfferExpiresAt is { } o ? format(o) : "").Append(',')
                .Append(p.CheckedInAt is { } c ? format(c) : "").Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    // Quoted when needed, and a leading formula character neutralised: a spreadsheet must not run what a field says.
    private static string Field(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private async Task<IReadOnlyList<SeatEventRow>> EventsAsync(long? eventId, DateTimeOffset? from, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT e.id, e.kind, e.title, e.starts_at, e.capacity, coalesce(s.held, 0),
                   count(*) FILTER (WHERE r.status = 'registered'), count(*) FILTER (WHERE r.status = 'offered'),
                   count(*) FILTER (WHERE r.status = 'waiting'), count(r.checked_in_at), coalesce(s.open, true), e.cancelled
            FROM outreach.events e
            LEFT JOIN outreach.event_seats s ON s.event_id = e.id
            LEFT JOIN outreach.seat_registrations r ON r.event_id = e.id
            WHERE e.capacity IS NOT NULL AND ($1::bigint IS NULL OR e.id = $1) AND ($2::timestamptz IS NULL OR e.ends_at >= $2)
            GROUP BY e.id, s.held, s.open
            ORDER BY e.starts_at, e.id
            LIMIT {MaxEvents}
            """);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bigint, (object?)eventId ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)from?.ToUniversalTime() ?? DBNull.Value);
        var rows = new List<SeatEventRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SeatEventRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4),
                reader.GetInt32(5), (int)reader.GetInt64(6), (int)reader.GetInt64(7), (int)reader.GetInt64(8), (int)reader.GetInt64(9), reader.GetBoolean(10),
                reader.GetBoolean(11)));
        }

        return rows;
    }
}
