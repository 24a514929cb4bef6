using System.Globalization;
using Npgsql;
using Outreach.Integrations.PersonalData;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Desk;

/// <summary>
/// One reader's whole history for the service desk, newest first: roster rows and moves, card events and the statuses
/// pushed back, quarantined rows of the same resident, digests, addresses no longer mailed, consent and mail preferences,
/// book orders and their notices, event registrations with their notices and attendance, activity by month; each with the
/// run or the page behind it. Items are sentences of the desk's words with their data (<see cref="TimelineText"/>): the page
/// says them in the staff member's language. Every source is read through an index on the reader (migrations 0011 and 0012), so a
/// reader opens as fast in a district's registry as in a town's.
/// </summary>
public sealed class ReaderTimelineBoard(NpgsqlDataSource dataSource)
{
    /// <summary>The reader's timeline; empty when there is no such reader.</summary>
    public async Task<IReadOnlyList<TimelineItem>> TimelineAsync(long readerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<(DateTimeOffset At, string Kind, TimelineText Text, long? RunId, string? Link, TimelineAction? Action, string? Said)>();

        // Every source is one statement of a single batch: one round trip for the whole history, however many sources.
        var sources = new List<Func<NpgsqlDataReader, (DateTimeOffset, string, TimelineText, long?, string?, TimelineAction?, string?)>>();
        await using var batch = new NpgsqlBatch(connection);
        void Read(string sql, Func<NpgsqlDataReader, (DateTimeOffset, string, TimelineText, long?, string?, TimelineAction?)> item) =>
            ReadSaid(sql, r =>
            {
                var (at, kind, text, run, link, action) = item(r);
                return (at, kind, text, run, link, action, null);
            });

        // A source whose items carry what an outside system said (an SMTP reply), shown beside the staff's words as data.
        void ReadSaid(string sql, Func<NpgsqlDataReader, (DateTimeOffset, string, TimelineText, long?, string?, TimelineAction?, string?)> item)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue(readerId);
            batch.BatchCommands.Add(command);
            sources.Add(item);
        }

        static long? RunOf(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        static DateTimeOffset At(NpgsqlDataReader r, int i) => r.GetFieldValue<DateTimeOffset>(i);
        static string? Scrubbed(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : TextScrubber.Scrub(r.GetString(i));
        static TimelineText Say(string code, params object?[] args) => TimelineText.Of(code, args);
        static TimelineWord Word(string group, string code) => new(group, code);

        Read("SELECT created_at, updated_at, community, last_run_id, status FROM outreach.readers WHERE id = $1", r =>
            (At(r, 0), TimelineKinds.Roster, Say("Registered", r.GetString(2)), null, null, null));
        Read("SELECT updated_at, status, last_run_id FROM outreach.readers WHERE id = $1", r =>
            (At(r, 0), TimelineKinds.Roster, Say("RosterUpdated", Word(TimelineWords.ReaderStatus, r.GetString(1))), RunOf(r, 2), null, null));
        Read("""
            SELECT moved_at, from_community, to_community, run_id FROM outreach.reader_moves WHERE reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Move, Say("Moved", r.GetString(1), r.GetString(2)), RunOf(r, 3), null, null));
        // Issuing is recorded on the card itself (its day); later changes are card events.
        Read("SELECT issued_on, card_number, status FROM outreach.cards WHERE reader_id = $1", r =>
            (new DateTimeOffset(r.GetFieldValue<DateOnly>(0).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), TimelineKinds.Card,
                Say("CardIssued", r.GetString(1), Word(TimelineWords.CardStatus, r.GetString(2))), null, null, null));
        Read("""
            SELECT e.at, e.event, e.community, e.run_id, c.card_number
            FROM outreach.cards c JOIN outreach.card_events e ON e.card_id = c.id WHERE c.reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Card, Say("CardEvent", r.GetString(4), Word(TimelineWords.CardEvent, r.GetString(1)), r.GetString(2)),
                RunOf(r, 3), null, null));
        // The newest entry is what the community was last told: staff may have it told again (once it was accepted, or
        // after it failed), with the card's status now. What the community last answered is shown beside it as data.
        ReadSaid("""
            SELECT o.created_at, o.status, o.sent_at, o.attempts, o.last_error, o.community, o.id, o.id = max(o.id) OVER () AND c.reader_id IS NOT NULL
            FROM outreach.readers r JOIN outreach.card_status_outbox o ON o.community = r.community AND o.resident_id = r.resident_id
                LEFT JOIN outreach.cards c ON c.reader_id = r.id
            WHERE r.id = $1
            """, r => (At(r, 0), TimelineKinds.CardStatus,
                r.IsDBNull(2)
                    ? Say("CardStatusOwed", r.GetString(5), Word(TimelineWords.CardStatus, r.GetString(1)), r.GetInt32(3))
                    : Say("CardStatusAccepted", r.GetString(5), Word(TimelineWords.CardStatus, r.GetString(1))), null, null,
                r.GetBoolean(7) && (!r.IsDBNull(2) || r.GetInt32(3) > 0)
                    ? new TimelineAction(TimelineAction.PushCardStatus, r.GetInt64(6).ToString(CultureInfo.InvariantCulture), r.IsDBNull(2) ? "" : TimelineAction.Sent)
                    : null,
                r.IsDBNull(2) ? Scrubbed(r, 4) : null));
        Read("""
            SELECT q.created_at, q.reason_code, q.run_id, q.resolved_at
            FROM outreach.readers r JOIN outreach.quarantine q ON q.community = r.community AND q.resident_id = r.resident_id
            WHERE r.id = $1
            """, r => (At(r, 0), TimelineKinds.Quarantine,
                Say(r.IsDBNull(3) ? "QuarantinedOpen" : "QuarantinedResolved", Word(TimelineWords.QuarantineReason, r.GetString(1)), r.GetString(1)),
                RunOf(r, 2), null, null));
        // A copy the address failed or bounced on may have that address marked bad, while it is still the reader's and mailed.
        ReadSaid("""
            SELECT coalesce(d.sent_at, g.created_at), g.iso_week, d.status, d.skip_reason, d.bounced_at, d.bounce_kind, g.last_run_id, d.smtp_reply,
                   d.digest_id, (d.status = 'failed' OR d.bounced_at IS NOT NULL) AND lower(d.address) = lower(r.email)
                       AND NOT EXISTS (SELECT 1 FROM outreach.mail_suppressions s WHERE s.address = lower(r.email))
            FROM outreach.readers r JOIN outreach.digest_deliveries d ON d.reader_id = r.id JOIN outreach.digests g ON g.id = d.digest_id
            WHERE r.id = $1
            """, r =>
            {
                var digest = r.GetInt64(8).ToString(CultureInfo.InvariantCulture);
                var status = r.GetString(2);
                var action = status == "sending" ? new TimelineAction(TimelineAction.ReleaseDigestCopy, digest)
                    : r.GetBoolean(9) ? new TimelineAction(TimelineAction.MarkAddressBad, digest) : null;
                var said = status == "failed" ? Scrubbed(r, 7) : null;
                object delivery = status == "skipped" && !r.IsDBNull(3) ? Say("SkippedBecause", r.GetString(3)) : Word(TimelineWords.Mail, status);
                var bounce = r.IsDBNull(4) ? null : Say(r.IsDBNull(5) || r.GetString(5) == "hard" ? "BouncedHard" : "BouncedSoft");
                return (At(r, 0), TimelineKinds.Digest, Say("Digest", r.GetString(1), delivery, bounce), RunOf(r, 6), "/digests/" + digest, action, said);
            });
        Read("""
            SELECT s.suppressed_at, s.reason FROM outreach.readers r JOIN outreach.mail_suppressions s ON s.address = lower(r.email) WHERE r.id = $1
            """, r => (At(r, 0), TimelineKinds.Suppression, Suppressed(r.GetString(1)), null, null, null));
        Read("""
            SELECT updated_at, unsubscribed_at IS NOT NULL, kinds FROM outreach.mail_preferences WHERE reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Preferences, r.GetBoolean(1) ? Say("PreferencesUnsubscribed")
                : r.IsDBNull(2) ? Say("PreferencesAllKinds") : Say("PreferencesKinds", (object)r.GetFieldValue<string[]>(2)), null,
                string.Create(CultureInfo.InvariantCulture, $"/readers/{readerId}#consents"), null));
        // Seats: the registration as it stands, its check-in, and each notice its changes owed (confirmed, waitlisted, offered,
        // cancelled...), which is its history.
        Read("""
            SELECT g.created_at, e.title, g.event_id, g.status, g.channel, g.guests FROM outreach.seat_registrations g JOIN outreach.events e ON e.id = g.event_id
            WHERE g.reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Seat,
                Say("Seat", r.GetString(1), Word(TimelineWords.SeatChannel, r.GetString(4)), r.GetInt32(5) > 0 ? Say("Guests", r.GetInt32(5)) : null,
                    Word(TimelineWords.SeatStatus, r.GetString(3))),
                null, SeatLink(r.GetInt64(2)), null));
        Read("""
            SELECT g.updated_at, e.title, g.event_id, g.status FROM outreach.seat_registrations g JOIN outreach.events e ON e.id = g.event_id
            WHERE g.reader_id = $1 AND g.status IN ('cancelled', 'expired')
            """, r => (At(r, 0), TimelineKinds.Seat, Say(r.GetString(3) == "cancelled" ? "SeatCancelled" : "SeatExpired", r.GetString(1)),
                null, SeatLink(r.GetInt64(2)), null));
        Read("""
            SELECT g.checked_in_at, e.title, g.event_id FROM outreach.seat_registrations g JOIN outreach.events e ON e.id = g.event_id
            WHERE g.reader_id = $1 AND g.checked_in_at IS NOT NULL
            """, r => (At(r, 0), TimelineKinds.Attendance, Say("Attended", r.GetString(1)), null, SeatLink(r.GetInt64(2)), null));
        Read("""
            SELECT coalesce(n.sent_at, n.created_at), e.title, g.event_id, n.kind, n.status
            FROM outreach.seat_registrations g JOIN outreach.seat_notices n ON n.registration_id = g.id JOIN outreach.events e ON e.id = g.event_id
            WHERE g.reader_id = $1
            """, r => (At(r, 0), TimelineKinds.SeatNotice,
                Say("SeatNotice", r.GetString(1), Word(TimelineWords.SeatNotice, r.GetString(3)), Word(TimelineWords.Mail, r.GetString(4))),
                null, SeatLink(r.GetInt64(2)), null));
        Read("""
            SELECT at, source, subscribed, kinds, run_id FROM outreach.mail_consents WHERE reader_id = $1
            """, r =>
            {
                var source = Word(TimelineWords.ConsentSource, r.GetString(1));
                return (At(r, 0), TimelineKinds.Consent, !r.GetBoolean(2) ? Say("ConsentNone", source)
                    : r.IsDBNull(3) ? Say("ConsentAllKinds", source) : Say("ConsentKinds", source, r.GetFieldValue<string[]>(3)), RunOf(r, 4), null, null);
            });
        Read("""
            SELECT created_at, order_ref, title, status, status_reason FROM outreach.book_orders WHERE reader_id = $1
            """, r => (At(r, 0), TimelineKinds.Order, Say("Order", r.GetString(1), r.GetString(2), Word(TimelineWords.OrderStatus, r.GetString(3))), null,
                "/orders/details/" + r.GetString(1), null));
        ReadSaid("""
            SELECT coalesce(n.sent_at, n.given_up_at, n.last_try_at, n.created_at), o.order_ref, n.kind, n.sent_at IS NOT NULL,
                   n.given_up_at IS NOT NULL, n.attempts, n.last_error, n.last_error_code, n.last_error_args::text
            FROM outreach.book_orders o JOIN outreach.book_order_notices n ON n.order_id = o.id WHERE o.reader_id = $1
            """, r =>
            {
                var (orderRef, kind, sent, givenUp) = (r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetBoolean(4));
                // Why it was given up: a message of the catalog (the mail server's reply inside it, scrubbed); a row written
                // before the codes has only its English text, shown as it is.
                var why = givenUp && !sent && !r.IsDBNull(7)
                    ? StoredMessage.From(r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8))
                    : null;
                var said = givenUp && !sent && why is null ? Scrubbed(r, 6) : null;
                var noticeKind = Word(TimelineWords.NoticeKind, kind);
                var text = sent ? Say("NoticeSent", orderRef, noticeKind)
                    : why is not null ? Say("NoticeGivenUpBecause", orderRef, noticeKind, why)
                    : givenUp ? Say("NoticeGivenUp", orderRef, noticeKind)
                    : Say("NoticeOwed", orderRef, noticeKind, r.GetInt32(5));
                return (At(r, 0), TimelineKinds.Notice, text, null, "/orders/details/" + orderRef,
                    givenUp && !sent ? new TimelineAction(TimelineAction.ResendNotice, orderRef, kind) : null, said);
            });
        Read("""
            SELECT month, visits, loans, sessions, attendance, last_run_id FROM outreach.activity_months WHERE reader_id = $1
            """, r => (new DateTimeOffset(r.GetFieldValue<DateOnly>(0).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), TimelineKinds.Activity,
                Say("Activity", r.GetFieldValue<DateOnly>(0).ToString("yyyy-MM", CultureInfo.InvariantCulture), r.GetInt32(1), r.GetInt32(2),
                    r.GetInt32(3), r.GetInt32(4)),
                RunOf(r, 5), null, null));

        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            foreach (var item in sources)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(item(reader));
                }

                await reader.NextResultAsync(cancellationToken);
            }
        }

        // No reader, no history: every source is read by the reader's id, the first being the reader's own row.
        if (rows.Count == 0)
        {
            return [];
        }

        var runs = await RunsAsync(connection, rows.Where(r => r.RunId is not null).Select(r => r.RunId!.Value).Distinct().ToArray(), cancellationToken);
        return rows
            .Select(r => new TimelineItem(r.At, r.Kind, r.Text, r.RunId is { } id ? runs.GetValueOrDefault(id, new TimelineRun(id, "", null)) : null, r.Link, r.Action, r.Said))
            .OrderByDescending(i => i.At)
            .ToList();
    }

    private static async Task<Dictionary<long, TimelineRun>> RunsAsync(NpgsqlConnection connection, long[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, job, hangfire_job_id FROM outreach.job_runs WHERE id = ANY($1)", connection);
        command.Parameters.AddWithValue(ids);
        var runs = new Dictionary<long, TimelineRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs[reader.GetInt64(0)] = new TimelineRun(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        return runs;
    }

    private static string SeatLink(long eventId) => "/seats/" + eventId.ToString(CultureInfo.InvariantCulture);

    // The reasons the bounce handling and the desk store ("hard bounce", "N soft bounces", the desk's own), in the staff's words.
    private static TimelineText Suppressed(string reason)
    {
        if (reason == "hard bounce")
        {
            return TimelineText.Of("SuppressedHardBounce");
        }

        if (reason == ReaderDeskActions.MarkedBadReason)
        {
            return TimelineText.Of("SuppressedAtDesk");
        }

        return reason.EndsWith(" soft bounces", StringComparison.Ordinal) && int.TryParse(reason.Split(' ')[0], CultureInfo.InvariantCulture, out var bounces)
            ? TimelineText.Of("SuppressedSoftBounces", bounces)
            : TimelineText.Of("SuppressedOther", reason);
    }
}
