using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Worker.Audit;

namespace Outreach.Worker.Seats.Booking;

/// <summary>
/// Staff's levers on an event's seats: the capacity, closing and reopening registration. Each is one transaction under
/// the event's lock with its audit entry; a raise or a reopening offers the freed seats to the list at once.
/// </summary>
public sealed class SeatControls(NpgsqlDataSource dataSource, AuditTrail audit, IOptionsMonitor<SeatsOptions> options, TimeProvider clock)
{
    /// <summary>Sets the capacity (never below zero); false when the event has no seats. Lowering it takes no seat from anyone.</summary>
    public Task<bool> SetCapacityAsync(long eventId, int capacity, AuditActor staff, CancellationToken cancellationToken)
    {
        capacity = Math.Max(0, capacity);
        return ChangeAsync(eventId, staff, async (held, connection, transaction, now) =>
        {
            await using var command = new NpgsqlCommand("UPDATE outreach.events SET capacity = $2, updated_at = $3 WHERE id = $1", connection, transaction);
            command.Parameters.AddWithValue(eventId);
            command.Parameters.AddWithValue(capacity);
            command.Parameters.AddWithValue(now);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new AuditEntry(AuditActions.SeatsCapacityChanged, Target(eventId),
                new Dictionary<string, string> { ["capacity"] = capacity.ToString(CultureInfo.InvariantCulture) });
        }, cancellationToken, capacity);
    }

    /// <summary>Stops registration and offers; places already held stay.</summary>
    public Task<bool> CloseAsync(long eventId, AuditActor staff, CancellationToken cancellationToken) =>
        ChangeAsync(eventId, staff, (held, _, _, _) =>
        {
            held.Open = false;
            return Task.FromResult(new AuditEntry(AuditActions.SeatsClosed, Target(eventId)));
        }, cancellationToken);

    /// <summary>Opens registration again; free seats are offered to the list.</summary>
    public Task<bool> ReopenAsync(long eventId, AuditActor staff, CancellationToken cancellationToken) =>
        ChangeAsync(eventId, staff, (held, _, _, _) =>
        {
            held.Open = true;
            return Task.FromResult(new AuditEntry(AuditActions.SeatsReopened, Target(eventId)));
        }, cancellationToken);

    public static string Target(long eventId) => "event:" + eventId.ToString(CultureInfo.InvariantCulture);

    private async Task<bool> ChangeAsync(long eventId, AuditActor staff, Func<HeldEvent, NpgsqlConnection, NpgsqlTransaction, DateTimeOffset, Task<AuditEntry>> change,
        CancellationToken cancellationToken, int? capacity = null)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await HeldEvent.LockAsync(connection, transaction, eventId, now, cancellationToken) is not { } held)
        {
            return false;
        }

        var entry = await change(held, connection, transaction, now);
        if (capacity is { } seats)
        {
            held.Capacity = seats;
        }

        await held.PromoteAsync(options.CurrentValue, now, cancellationToken);
        await held.SaveAsync(now, cancellationToken);
        await audit.AppendAsync(connection, transaction, staff, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
