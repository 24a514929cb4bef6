using System.Globalization;
using Npgsql;
using Outreach.Integrations.PersonalData;
using Outreach.Worker.Audit;

namespace Outreach.Worker.Seats.Notices;

/// <summary>A seat notice a crash left 'sending': whether the reader got it is unknown. The address is masked.</summary>
public sealed record StuckSeatNotice(long Id, long EventId, string EventTitle, long ReaderId, string NameMasked, string Address, string Kind,
    DateTimeOffset? ClaimedAt, string? ClaimedBy, string? Reply);

/// <summary>
/// The seat notices caught by a crash between claim and the server's answer, as the digest ledger's staff view has them:
/// staff read the relay's log and record the notice as sent, or release it for the next run to send. Only while no run
/// of the seat mail is going on (a live run's claims are its own), and only rows still 'sending': a repeat, or a colleague
/// who decided first, changes nothing and writes no audit entry.
/// </summary>
public sealed class StuckSeatNotices(NpgsqlDataSource dataSource, AuditTrail audit)
{
    private const string NoLiveRun = $"NOT EXISTS (SELECT 1 FROM outreach.job_runs j WHERE j.job = '{SeatMail.JobName}' AND j.status = 'running')";

    // The home page's counter: the small index of 'sending' notices (migration 0015) holds the stuck ones only, however long
    // the ledger of notices grows.
    internal const string CountSql = $"SELECT count(*) FROM outreach.seat_notices n WHERE n.status = 'sending' AND {NoLiveRun}";

    /// <summary>How many notices are stuck over every event (none while a run of the seat mail is going on): the home page's counter.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CountSql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The stuck notices of one event, or of every event when <paramref name="eventId"/> is null, oldest first.</summary>
    public async Task<IReadOnlyList<StuckSeatNotice>> ListAsync(long? eventId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT n.id, r.event_id, e.title, r.reader_id, rd.name_masked, coalesce(rd.email, ''), n.kind, n.claimed_at, n.claimed_by, n.reply
            FROM outreach.seat_notices n
            JOIN outreach.seat_registrations r ON r.id = n.registration_id
            JOIN outreach.readers rd ON rd.id = r.reader_id
            JOIN outreach.events e ON e.id = r.event_id
            WHERE n.status = 'sending' AND ($1::bigint IS NULL OR r.event_id = $1) AND {NoLiveRun}
            ORDER BY n.id
            LIMIT $2
            """);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bigint, (object?)eventId ?? DBNull.Value);
        command.Parameters.AddWithValue(limit);
        var rows = new List<StuckSeatNotice>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StuckSeatNotice(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                Masking.Email(reader.GetString(5)), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : TextScrubber.Scrub(reader.GetString(9))));
        }

        return rows;
    }

    /// <summary>
    /// Records the notice of <paramref name="eventId"/> as sent (the relay's log shows it arrived) or releases it to be sent
    /// by the next run; true when it was still stuck and so changed, with its audit entry in the same transaction.
    /// </summary>
    public async Task<bool> ResolveAsync(long eventId, long noticeId, bool resend, AuditActor staff, CancellationToken cancellationToken) =>
        await audit.ChangeAsync<Resolved?>(staff, async (connection, transaction) =>
        {
            var set = resend
                ? "status = 'pending', reply = 'Released by ' || $3 || ' to be sent again'"
                : "status = 'sent', sent_at = n.claimed_at, reply = 'Recorded as sent by ' || $3";
            await using var command = new NpgsqlCommand($"""
                UPDATE outreach.seat_notices n SET {set}
                FROM outreach.seat_registrations r
                WHERE n.id = $1 AND r.id = n.registration_id AND r.event_id = $2 AND n.status = 'sending' AND {NoLiveRun}
                RETURNING r.reader_id, n.kind
                """, connection, transaction);
            command.Parameters.AddWithValue(noticeId);
            command.Parameters.AddWithValue(eventId);
            command.Parameters.AddWithValue(staff.Name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new Resolved(reader.GetInt64(0), reader.GetString(1)) : null;
        },
        resolved => resolved is null ? null
            : new AuditEntry(resend ? AuditActions.SeatMailSendAgain : AuditActions.SeatMailArrived, AuditEntry.Reader(resolved.ReaderId),
                new Dictionary<string, string>
                {
                    ["event"] = eventId.ToString(CultureInfo.InvariantCulture),
                    ["notice"] = noticeId.ToString(CultureInfo.InvariantCulture),
                    ["kind"] = resolved.Kind,
                }),
        cancellationToken) is not null;

    private sealed record Resolved(long ReaderId, string Kind);
}
