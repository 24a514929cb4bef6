using System.Globalization;
using Npgsql;
using Outreach.Worker.Seats.Notices;
using Outreach.Worker.Seats.Offers;

namespace Outreach.Worker.Seats.Booking;

/// <summary>
/// An event's seats under the lock of its outreach.event_seats row, for the rest of the caller's transaction: every change
/// of the event's seats reads the count here and writes it back before commit, so concurrent changes queue one behind the
/// other and the seats held never exceed the capacity. A reader's row of the event is then safe to change too.
/// </summary>
internal sealed class HeldEvent
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private HeldEvent(NpgsqlConnection connection, NpgsqlTransaction transaction, long eventId)
    {
        _connection = connection;
        _transaction = transaction;
        EventId = eventId;
    }

    public long EventId { get; }

    public int Capacity { get; set; }

    public int Held { get; set; }

    public bool Open { get; set; }

    public bool Cancelled { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public int Free => Capacity - Held;

    /// <summary>True when nobody may take a seat any more: cancelled, or started.</summary>
    public bool IsOver(DateTimeOffset now) => Cancelled || now >= StartsAt;

    /// <summary>Locks the event's seats (making their row on first use); null when the event does not exist or has no capacity.</summary>
    public static async Task<HeldEvent?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long eventId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    INSERT INTO outreach.event_seats (event_id, told, updated_at)
                    SELECT id, outreach.seat_event_version(title, venue, starts_at, ends_at, cancelled), $2
                    FROM outreach.events WHERE id = $1 AND capacity IS NOT NULL
                    ON CONFLICT (event_id) DO NOTHING
                    """) { Parameters = { new() { Value = eventId }, new() { Value = now } } },
                new NpgsqlBatchCommand("""
                    SELECT s.held, s.open, e.capacity, e.cancelled, e.starts_at
                    FROM outreach.event_seats s JOIN outreach.events e ON e.id = s.event_id
                    WHERE s.event_id = $1
                    FOR UPDATE OF s
                    """) { Parameters = { new() { Value = eventId } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var held = new HeldEvent(connection, transaction, eventId)
        {
            Held = reader.GetInt32(0),
            Open = reader.GetBoolean(1),
            // An event whose capacity was removed after registrations began takes no one new.
            Capacity = reader.IsDBNull(2) ? 0 : reader.GetInt32(2),
            Cancelled = reader.GetBoolean(3),
            StartsAt = reader.GetFieldValue<DateTimeOffset>(4),
        };
        return held;
    }

    /// <summary>The reader's registration for this event, if they ever had one.</summary>
    public async Task<Place?> PlaceOfAsync(long readerId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT id, status, guests, round, offer_expires_at, offers FROM outreach.seat_registrations WHERE event_id = $1 AND reader_id = $2
            """, _connection, _transaction);
        command.Parameters.AddWithValue(EventId);
        command.Parameters.AddWithValue(readerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Place(reader.GetInt64(0), readerId, reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5))
            : null;
    }

    public async Task<bool> AnyoneWaitingAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM outreach.seat_registrations WHERE event_id = $1 AND status = 'waiting')", _connection, _transaction);
        command.Parameters.AddWithValue(EventId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Puts the reader at <paramref name="status"/> (a new round when they had a row), and owes them its notice.</summary>
    public async Task<Place> EnterAsync(long readerId, int guests, string status, string channel, DateTimeOffset now, string? noticeKind,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO outreach.seat_registrations (event_id, reader_id, guests, status, channel, queued_at, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $6, $6)
            ON CONFLICT (event_id, reader_id) DO UPDATE SET
                guests = EXCLUDED.guests, status = EXCLUDED.status, channel = EXCLUDED.channel, round = outreach.seat_registrations.round + 1,
                queued_at = EXCLUDED.queued_at, offer_expires_at = NULL, updated_at = EXCLUDED.updated_at
            RETURNING id, round, offers
            """, _connection, _transaction);
        command.Parameters.AddWithValue(EventId);
        command.Parameters.AddWithValue(readerId);
        command.Parameters.AddWithValue(guests);
        command.Parameters.AddWithValue(status);
        command.Parameters.AddWithValue(channel);
        command.Parameters.AddWithValue(now);
        Place place;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            place = new Place(reader.GetInt64(0), readerId, status, guests, reader.GetInt32(1), null, reader.GetInt32(2));
        }

        if (noticeKind is not null)
        {
            await OweAsync(place.Id, noticeKind, place.Round.ToString(CultureInfo.InvariantCulture), now, cancellationToken);
        }

        return place;
    }

    /// <summary>Moves a registration to <paramref name="status"/>, with the offer's deadline when it is one.</summary>
    public async Task MoveAsync(long registrationId, string status, DateTimeOffset? offerExpiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE outreach.seat_registrations
            SET status = $2, offer_expires_at = $3, offers = offers + CASE WHEN $2 = 'offered' THEN 1 ELSE 0 END, updated_at = $4
            WHERE id = $1
            """, _connection, _transaction);
        command.Parameters.AddWithValue(registrationId);
        command.Parameters.AddWithValue(status);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)offerExpiresAt ?? DBNull.Value);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The reader's place on the waitlist (1 is next), counted now.</summary>
    public async Task<int> PositionAsync(long registrationId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM outreach.seat_registrations w, outreach.seat_registrations me
            WHERE me.id = $2 AND w.event_id = $1 AND w.status = 'waiting' AND (w.queued_at, w.id) <= (me.queued_at, me.id)
            """, _connection, _transaction);
        command.Parameters.AddWithValue(EventId);
        command.Parameters.AddWithValue(registrationId);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Offers freed seats to the waiting readers in the order they asked, while the first of them fits (a party never jumps
    /// the list): registration open, the event ahead and offers still allowed. The count of offers made.
    /// </summary>
    public async Task<int> PromoteAsync(SeatsOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Open || IsOver(now) || OfferDeadline.For(now, StartsAt, options) is not { } deadline)
        {
            return 0;
        }

        var offered = 0;
        while (Free > 0)
        {
            await using var next = new NpgsqlCommand("""
                SELECT id, guests, round, offers FROM outreach.seat_registrations
                WHERE event_id = $1 AND status = 'waiting'
                ORDER BY queued_at, id
                LIMIT 1
                """, _connection, _transaction);
            next.Parameters.AddWithValue(EventId);
            long id;
            int guests, round, offers;
            await using (var reader = await next.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    break;
                }

                (id, guests, round, offers) = (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
            }

            if (1 + guests > Free)
            {
                break;
            }

            await MoveAsync(id, SeatStatus.Offered, deadline, now, cancellationToken);
            Held += 1 + guests;
            await OweAsync(id, SeatNoticeKind.Offered, string.Create(CultureInfo.InvariantCulture, $"{round}.{offers + 1}"), now, cancellationToken);
            offered++;
        }

        return offered;
    }

    /// <summary>Offers of this event whose deadline has passed: expired, their seats freed. The count.</summary>
    public async Task<int> ExpireOffersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE outreach.seat_registrations SET status = 'expired', updated_at = $2
            WHERE event_id = $1 AND status = 'offered' AND offer_expires_at <= $2
            RETURNING guests
            """, _connection, _transaction);
        command.Parameters.AddWithValue(EventId);
        command.Parameters.AddWithValue(now);
        var expired = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Held -= 1 + reader.GetInt32(0);
            expired++;
        }

        return expired;
    }

    /// <summary>Owes the reader of a registration a notice, once per (kind, dedupe).</summary>
    public async Task OweAsync(long registrationId, string kind, string dedupe, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO outreach.seat_notices (registration_id, kind, dedupe, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (registration_id, kind, dedupe) DO NOTHING
            """, _connection, _transaction);
        command.Parameters.AddWithValue(registrationId);
        command.Parameters.AddWithValue(kind);
        command.Parameters.AddWithValue(dedupe);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Writes the seats held and the open flag back to the locked row.</summary>
    public async Task SaveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE outreach.event_seats SET held = $2, open = $3, updated_at = $4 WHERE event_id = $1",
            _connection, _transaction);
        command.Parameters.AddWithValue(EventId);
        command.Parameters.AddWithValue(Held);
        command.Parameters.AddWithValue(Open);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A reader's registration for an event as read under the event's lock.</summary>
internal sealed record Place(long Id, long ReaderId, string Status, int Guests, int Round, DateTimeOffset? OfferExpiresAt, int Offers)
{
    /// <summary>Seats it holds when registered or offered.</summary>
    public int Seats => 1 + Guests;

    public bool HoldsSeats => Status is SeatStatus.Registered or SeatStatus.Offered;

    public bool IsActive => Status is SeatStatus.Registered or SeatStatus.Offered or SeatStatus.Waiting;
}
