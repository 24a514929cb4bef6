using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Worker.Seats.Notices;
using Outreach.Worker.Seats.Offers;

namespace Outreach.Worker.Seats.Booking;

/// <summary>
/// Readers' seats at an event: register (a seat, or the waitlist when full), take an offered seat, give a place up. Each
/// request is one transaction under the event's lock (<see cref="HeldEvent"/>), writes the notices it owes, and asked
/// twice answers the same without changing anything.
/// </summary>
public sealed class SeatBook(NpgsqlDataSource dataSource, IOptionsMonitor<SeatsOptions> options, TimeProvider clock)
{
    /// <summary>Registers the reader with <paramref name="guests"/> guests: a seat when one is free and nobody waits, else the waitlist.</summary>
    public async Task<SeatOutcome> RegisterAsync(long eventId, long readerId, int guests, string channel, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (guests < 0 || guests > settings.MaxGuests)
        {
            return new SeatOutcome(SeatVerdict.TooManyGuests);
        }

        if (!await IsActiveReaderAsync(readerId, cancellationToken))
        {
            return new SeatOutcome(SeatVerdict.NotAReader);
        }

        return await InEventAsync(eventId, async (held, now) =>
        {
            if (await held.PlaceOfAsync(readerId, cancellationToken) is { IsActive: true } place)
            {
                return await StandingAsync(held, place, cancellationToken) with { Unchanged = true };
            }

            if (held.IsOver(now))
            {
                return new SeatOutcome(SeatVerdict.Over);
            }

            if (!held.Open)
            {
                return new SeatOutcome(SeatVerdict.Closed);
            }

            // Within the offer cutoff the list no longer moves, so a free seat goes to whoever asks first.
            var listMoves = OfferDeadline.For(now, held.StartsAt, settings) is not null;
            if (1 + guests <= held.Free && !(listMoves && await held.AnyoneWaitingAsync(cancellationToken)))
            {
                var seat = await held.EnterAsync(readerId, guests, SeatStatus.Registered, channel, now, SeatNoticeKind.Confirmed, cancellationToken);
                held.Held += seat.Seats;
                return new SeatOutcome(SeatVerdict.Registered, seat.Id);
            }

            var waiting = await held.EnterAsync(readerId, guests, SeatStatus.Waiting, channel, now, SeatNoticeKind.Waiting, cancellationToken);
            return new SeatOutcome(SeatVerdict.Waiting, waiting.Id, await held.PositionAsync(waiting.Id, cancellationToken));
        }, cancellationToken);
    }

    /// <summary>Takes the seat offered to the reader, if the offer still runs.</summary>
    public Task<SeatOutcome> AcceptOfferAsync(long eventId, long readerId, CancellationToken cancellationToken) =>
        InEventAsync(eventId, async (held, now) =>
        {
            if (await held.PlaceOfAsync(readerId, cancellationToken) is not { } place)
            {
                return new SeatOutcome(SeatVerdict.NotRegistered) { Unchanged = true };
            }

            if (place.Status != SeatStatus.Offered)
            {
                return await StandingAsync(held, place, cancellationToken) with { Unchanged = true };
            }

            if (place.OfferExpiresAt <= now || held.IsOver(now))
            {
                // Passed on here rather than by the next sweep: the seat should not wait for it.
                await held.ExpireOffersAsync(now, cancellationToken);
                await held.PromoteAsync(options.CurrentValue, now, cancellationToken);
                return new SeatOutcome(SeatVerdict.OfferExpired, place.Id);
            }

            await held.MoveAsync(place.Id, SeatStatus.Registered, null, now, cancellationToken);
            await held.OweAsync(place.Id, SeatNoticeKind.Confirmed, place.Round.ToString(System.Globalization.CultureInfo.InvariantCulture), now,
                cancellationToken);
            return new SeatOutcome(SeatVerdict.Registered, place.Id);
        }, cancellationToken);

    /// <summary>Gives up the reader's seat, offer or place on the list; a freed seat is offered to the first waiting reader.</summary>
    public Task<SeatOutcome> CancelAsync(long eventId, long readerId, CancellationToken cancellationToken) =>
        InEventAsync(eventId, async (held, now) =>
        {
            if (await held.PlaceOfAsync(readerId, cancellationToken) is not { IsActive: true } place)
            {
                return new SeatOutcome(SeatVerdict.NotRegistered) { Unchanged = true };
            }

            await held.MoveAsync(place.Id, SeatStatus.Cancelled, null, now, cancellationToken);
            if (place.HoldsSeats)
            {
                held.Held -= place.Seats;
                await held.PromoteAsync(options.CurrentValue, now, cancellationToken);
            }

            return new SeatOutcome(SeatVerdict.Cancelled, place.Id);
        }, cancellationToken);

    /// <summary>Where the reader stands now, without changing anything (what a page shows before the reader confirms).</summary>
    public Task<SeatOutcome> StandingAsync(long eventId, long readerId, CancellationToken cancellationToken) =>
        InEventAsync(eventId, async (held, _) =>
            await held.PlaceOfAsync(readerId, cancellationToken) is { IsActive: true } place
                ? await StandingAsync(held, place, cancellationToken)
                : new SeatOutcome(SeatVerdict.NotRegistered),
            cancellationToken, lookOnly: true);

    private static async Task<SeatOutcome> StandingAsync(HeldEvent held, Place place, CancellationToken cancellationToken) => place.Status switch
    {
        SeatStatus.Registered => new SeatOutcome(SeatVerdict.Registered, place.Id),
        SeatStatus.Offered => new SeatOutcome(SeatVerdict.Offered, place.Id, OfferExpiresAt: place.OfferExpiresAt),
        SeatStatus.Waiting => new SeatOutcome(SeatVerdict.Waiting, place.Id, await held.PositionAsync(place.Id, cancellationToken)),
        _ => new SeatOutcome(SeatVerdict.NotRegistered, place.Id),
    };

    private async Task<SeatOutcome> InEventAsync(long eventId, Func<HeldEvent, DateTimeOffset, Task<SeatOutcome>> work,
        CancellationToken cancellationToken, bool lookOnly = false)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await HeldEvent.LockAsync(connection, transaction, eventId, now, cancellationToken) is not { } held)
        {
            return new SeatOutcome(SeatVerdict.NoSeats);
        }

        var result = await work(held, now);
        if (lookOnly)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }

        await held.SaveAsync(now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<bool> IsActiveReaderAsync(long readerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM outreach.readers WHERE id = $1 AND status = 'active')");
        command.Parameters.AddWithValue(readerId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
