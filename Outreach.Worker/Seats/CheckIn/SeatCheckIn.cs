using System.Globalization;
using Npgsql;
using Outreach.Worker.Activity;
using Outreach.Worker.Audit;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Seats.Residents;

namespace Outreach.Worker.Seats.CheckIn;

/// <summary>What a check-in came to.</summary>
public enum CheckInVerdict
{
    /// <summary>Checked in now (or had been: <see cref="CheckInResult.AlreadyIn"/>).</summary>
    CheckedIn,

    /// <summary>No active card by that number, or a QR code that is not one of ours.</summary>
    UnknownCard,

    /// <summary>The QR code is for another event.</summary>
    OtherEvent,

    /// <summary>No such event with seats, or it was cancelled.</summary>
    NoEvent,
}

/// <summary>Who was checked in, as staff may see them: the masked name and the card's last four characters.</summary>
public sealed record CheckInResult(CheckInVerdict Verdict, string? NameMasked = null, string? CardTail = null, bool WalkIn = false, bool AlreadyIn = false,
    int Guests = 0);

/// <summary>
/// Checks readers in at the door, by card number or by the QR code of their confirmation: a reader without a seat is taken
/// in as a walk-in (staff decide at the door, so the capacity does not stop them). The check-in and its audit entry commit
/// under the event's lock; then the attendance goes through the activity intake with one id per reader and event, so
/// checking in twice (or a retry after a failure in between) counts one attendance.
/// </summary>
public sealed class SeatCheckIn(NpgsqlDataSource dataSource, CardHolders cards, DigestTokens tokens, ActivityIntake intake, AuditTrail audit, TimeProvider clock)
{
    public const string ActivitySource = "seats";

    public async Task<CheckInResult> ByCardAsync(long eventId, string? card, AuditActor staff, CancellationToken cancellationToken) =>
        await cards.ReaderOfCardAsync(card, cancellationToken) is { } readerId
            ? await CheckInAsync(eventId, readerId, staff, cancellationToken)
            : new CheckInResult(CheckInVerdict.UnknownCard);

    /// <summary>Checks in the registration the scanned code names, at <paramref name="eventId"/>.</summary>
    public async Task<CheckInResult> ByCodeAsync(long eventId, string? token, AuditActor staff, CancellationToken cancellationToken)
    {
        if (await RegistrationAsync(token, cancellationToken) is not { } registration)
        {
            return new CheckInResult(CheckInVerdict.UnknownCard);
        }

        return registration.EventId != eventId
            ? new CheckInResult(CheckInVerdict.OtherEvent)
            : await CheckInAsync(eventId, registration.ReaderId, staff, cancellationToken);
    }

    /// <summary>The event and reader a scanned code names; null when the code is not one of ours.</summary>
    public async Task<(long EventId, long ReaderId)?> RegistrationAsync(string? token, CancellationToken cancellationToken)
    {
        if (!tokens.TryReadCheckIn(token, out var registrationId))
        {
            return null;
        }

        await using var command = dataSource.CreateCommand("SELECT event_id, reader_id FROM outreach.seat_registrations WHERE id = $1");
        command.Parameters.AddWithValue(registrationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    private async Task<CheckInResult> CheckInAsync(long eventId, long readerId, AuditActor staff, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        CheckInResult result;
        string card;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (await HeldEvent.LockAsync(connection, transaction, eventId, now, cancellationToken) is not { Cancelled: false } held)
            {
                return new CheckInResult(CheckInVerdict.NoEvent);
            }

            var place = await held.PlaceOfAsync(readerId, cancellationToken);
            var walkIn = place is null || place.Status is not (SeatStatus.Registered or SeatStatus.Offered);
            if (walkIn)
            {
                place = await held.EnterAsync(readerId, 0, SeatStatus.Registered, SeatChannel.WalkIn, now, null, cancellationToken);
                held.Held += place.Seats;
            }
            else if (place!.Status == SeatStatus.Offered)
            {
                await held.MoveAsync(place.Id, SeatStatus.Registered, null, now, cancellationToken);
            }

            await using var mark = new NpgsqlCommand("""
                UPDATE outreach.seat_registrations r SET checked_in_at = coalesce(r.checked_in_at, $2), updated_at = $2
                FROM (SELECT checked_in_at FROM outreach.seat_registrations WHERE id = $1) AS before
                WHERE r.id = $1
                RETURNING before.checked_in_at IS NOT NULL,
                          (SELECT name_masked FROM outreach.readers WHERE id = $3),
                          (SELECT card_number FROM outreach.cards WHERE reader_id = $3)
                """, connection, transaction);
            mark.Parameters.AddWithValue(place.Id);
            mark.Parameters.AddWithValue(now);
            mark.Parameters.AddWithValue(readerId);
            await using (var row = await mark.ExecuteReaderAsync(cancellationToken))
            {
                await row.ReadAsync(cancellationToken);
                card = row.IsDBNull(2) ? "" : row.GetString(2);
                result = new CheckInResult(CheckInVerdict.CheckedIn, row.GetString(1), card.Length >= 4 ? card[^4..] : card, walkIn, row.GetBoolean(0),
                    walkIn ? 0 : place.Guests);
            }

            await held.SaveAsync(now, cancellationToken);
            if (!result.AlreadyIn)
            {
                await audit.AppendAsync(connection, transaction, staff, new AuditEntry(AuditActions.SeatsCheckedIn, AuditEntry.Reader(readerId),
                    new Dictionary<string, string> { ["event"] = eventId.ToString(CultureInfo.InvariantCulture), ["walk_in"] = walkIn ? "yes" : "no" }),
                    cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Sent every time, counted once: the intake's id (and its one-attendance-per-reader-and-event rule) keeps it single.
        await intake.IngestAsync(new ActivityBatch(ActivitySource, "door", $"check-in at event {eventId.ToString(CultureInfo.InvariantCulture)}"),
            [new ActivityRecord(AttendanceId(eventId, readerId), card, ActivityKinds.Attendance, now.ToString("O", CultureInfo.InvariantCulture), eventId)],
            cancellationToken);
        return result;
    }

    public static string AttendanceId(long eventId, long readerId) =>
        string.Create(CultureInfo.InvariantCulture, $"event-{eventId}-reader-{readerId}");
}
