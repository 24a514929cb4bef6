using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Logging;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Seats.Notices;

namespace Outreach.Worker.Seats.Offers;

/// <summary>
/// The seats' clockwork, run every few minutes: offers past their deadline pass to the next waiting reader, seats freed
/// without an offer (a capacity raised in the event editor) are offered, and the reminders and change notices due are owed. Each event in a transaction of its own under its
/// lock, so a retry, a second worker or a reader acting at the same moment changes nothing twice.
/// </summary>
public sealed partial class SeatSweep(NpgsqlDataSource dataSource, IOptionsMonitor<SeatsOptions> options, SeatNoticeOwing owing, JobRuns runs,
    TimeProvider clock, ILogger<SeatSweep> logger)
{
    public const string JobName = "seats-sweep";

    public Task<IReadOnlyDictionary<string, long>> RunAsync(CancellationToken cancellationToken) =>
        runs.RunAsync(new RunSubject(JobName, "events") { IfCancelled = StaffMessage.Of("Cancelled.NextSweepGoesOn", $"the next sweep goes on where this one stopped") }, async run =>
        {
            var counts = new Dictionary<string, long> { ["events"] = 0, ["expired"] = 0, ["offered"] = 0, ["reminders"] = 0, ["changes"] = 0 };
            run.CountWith(() => counts);
            foreach (var eventId in await DueEventsAsync(clock.GetUtcNow(), cancellationToken))
            {
                var (expired, offered) = await SweepAsync(eventId, cancellationToken);
                counts["events"]++;
                counts["expired"] += expired;
                counts["offered"] += offered;
            }

            counts["changes"] = await owing.OweChangesAsync(clock.GetUtcNow(), cancellationToken);
            counts["reminders"] = await owing.OweRemindersAsync(clock.GetUtcNow(), TimeSpan.FromHours(options.CurrentValue.ReminderHoursBefore), cancellationToken);
            Log.Swept(logger, counts["events"], counts["expired"], counts["offered"]);
            await run.SucceedAsync(counts, null, cancellationToken);
            return (IReadOnlyDictionary<string, long>)counts;
        }, cancellationToken);

    private async Task<(int Expired, int Offered)> SweepAsync(long eventId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await HeldEvent.LockAsync(connection, transaction, eventId, now, cancellationToken) is not { } held)
        {
            return (0, 0);
        }

        var expired = await held.ExpireOffersAsync(now, cancellationToken);
        var offered = await held.PromoteAsync(options.CurrentValue, now, cancellationToken);
        await held.SaveAsync(now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (expired, offered);
    }

    private async Task<List<long>> DueEventsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT DISTINCT event_id FROM outreach.seat_registrations WHERE status = 'offered' AND offer_expires_at <= $1
            UNION
            SELECT s.event_id FROM outreach.event_seats s JOIN outreach.events e ON e.id = s.event_id
            WHERE s.open AND NOT e.cancelled AND e.starts_at > $1 AND s.held < coalesce(e.capacity, 0)
              AND EXISTS (SELECT 1 FROM outreach.seat_registrations w WHERE w.event_id = s.event_id AND w.status = 'waiting')
            ORDER BY 1
            """);
        command.Parameters.AddWithValue(now);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Seats + 1, Level = LogLevel.Information,
            Message = "Seats sweep: {Events} event(s), {Expired} offer(s) expired, {Offered} seat(s) offered")]
        public static partial void Swept(ILogger logger, long events, long expired, long offered);
    }
}
