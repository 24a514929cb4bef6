using Hangfire;
using Npgsql;
using Outreach.Worker.Audit;
using Outreach.Worker.Digests.Sending;
using Outreach.Worker.Jobs;
using Outreach.Worker.Orders.Notices;
using Outreach.Worker.Readers.Cards;

namespace Outreach.Worker.Desk;

/// <summary>What a desk action did: whether it changed anything, and the Hangfire job it queued, if any.</summary>
public sealed record DeskActionResult(bool Done, string? HangfireJobId = null);

/// <summary>
/// What staff do for a reader from the desk. Each acts only while the record is still as the page showed it, writes its
/// audit entry in the same transaction, and a repeat that finds nothing to do changes nothing and writes none.
/// </summary>
public sealed class ReaderDeskActions(AuditTrail audit, IBackgroundJobClient jobs, CardStatusPushEnqueuer cardPushes, DeliveryLedger deliveries,
    TimeProvider clock)
{
    /// <summary>Why the desk stops mailing an address (beside the bounce handling's "hard bounce" and "N soft bounces").</summary>
    public const string MarkedBadReason = "marked bad at the service desk";

    /// <summary>
    /// A notice the job gave up on is put back in the queue with fresh attempts, and the notice job is enqueued. The
    /// notice ledger (sent_at under the row's lock) still sends it at most once, whoever runs the job.
    /// </summary>
    public async Task<DeskActionResult> ResendNoticeAsync(long readerId, string orderRef, string kind, AuditActor staff, CancellationToken cancellationToken)
    {
        var requeued = await audit.ChangeAsync(staff, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("""
                UPDATE outreach.book_order_notices n
                SET given_up_at = NULL, attempts = 0, last_try_at = NULL
                FROM outreach.book_orders o
                WHERE o.id = n.order_id AND o.order_ref = $1 AND o.reader_id = $2 AND n.kind = $3
                  AND n.given_up_at IS NOT NULL AND n.sent_at IS NULL
                """, connection, transaction);
            command.Parameters.AddWithValue(orderRef);
            command.Parameters.AddWithValue(readerId);
            command.Parameters.AddWithValue(kind);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        },
        done => done
            ? new AuditEntry(AuditActions.NoticeResent, AuditEntry.Reader(readerId), new Dictionary<string, string>
            {
                ["order"] = orderRef,
                ["kind"] = kind,
            })
            : null,
        cancellationToken);
        return requeued
            ? new DeskActionResult(true, jobs.Enqueue<ReaderNoticeJob>(HubQueues.Mail, job => job.RunAsync(CancellationToken.None)))
            : new DeskActionResult(false);
    }

    /// <summary>
    /// The reader's card status is owed to their community again, through the card push's outbox. The page showed an entry
    /// of the outbox: it must still be the newest for the resident. One the community accepted (<paramref name="shownSent"/>)
    /// is followed by a new entry with the card's status now; one still owed, that has failed, gets fresh attempts. Either
    /// way a push of the community is queued, and the outbox (one unsent entry per resident, marked sent once) pushes it once.
    /// A second press finds a newer entry, or attempts already reset, and does nothing.
    /// </summary>
    public async Task<DeskActionResult> PushCardStatusAgainAsync(long readerId, long outboxId, bool shownSent, AuditActor staff,
        CancellationToken cancellationToken)
    {
        var community = await audit.ChangeAsync(staff, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("""
                WITH shown AS (
                    SELECT o.id, o.sent_at, o.community, o.resident_id
                    FROM outreach.readers r JOIN outreach.card_status_outbox o ON o.community = r.community AND o.resident_id = r.resident_id
                    WHERE r.id = $1 AND o.id = $2 AND r.erased_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM outreach.card_status_outbox n
                                      WHERE n.community = o.community AND n.resident_id = o.resident_id AND n.id > o.id)
                    FOR UPDATE OF o),
                reset AS (
                    UPDATE outreach.card_status_outbox o SET attempts = 0, last_error = NULL, last_try_at = NULL
                    FROM shown s WHERE o.id = s.id AND NOT $3 AND o.sent_at IS NULL AND o.attempts > 0
                    RETURNING o.community),
                fresh AS (
                    INSERT INTO outreach.card_status_outbox (community, resident_id, card_number, status, issued_on, created_at)
                    SELECT s.community, s.resident_id, c.card_number, c.status, c.issued_on, $4
                    FROM shown s JOIN outreach.cards c ON c.reader_id = $1
                    WHERE $3 AND s.sent_at IS NOT NULL
                    ON CONFLICT (community, resident_id) WHERE sent_at IS NULL DO NOTHING
                    RETURNING community)
                SELECT community FROM reset UNION ALL SELECT community FROM fresh
                """, connection, transaction);
            command.Parameters.AddWithValue(readerId);
            command.Parameters.AddWithValue(outboxId);
            command.Parameters.AddWithValue(shownSent);
            command.Parameters.AddWithValue(clock.GetUtcNow());
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        },
        pushed => pushed is null
            ? null
            : new AuditEntry(AuditActions.CardStatusPushedAgain, AuditEntry.Reader(readerId), new Dictionary<string, string> { ["community"] = pushed }),
        cancellationToken);
        return community is null ? new DeskActionResult(false) : new DeskActionResult(true, cardPushes.Enqueue(community));
    }

    /// <summary>
    /// The reader's address is no longer mailed, as after a hard bounce: an entry in the suppressions the digest and the
    /// notices read before each copy (keyed by the address, so a new address from the roster is mailed again).
    /// </summary>
    public async Task<DeskActionResult> MarkAddressBadAsync(long readerId, AuditActor staff, CancellationToken cancellationToken) =>
        new(await audit.ChangeAsync(staff, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO outreach.mail_suppressions (address, reason, suppressed_at)
                SELECT lower(email), $2, $3 FROM outreach.readers WHERE id = $1 AND email IS NOT NULL AND email <> ''
                ON CONFLICT (address) DO NOTHING
                """, connection, transaction);
            command.Parameters.AddWithValue(readerId);
            command.Parameters.AddWithValue(MarkedBadReason);
            command.Parameters.AddWithValue(clock.GetUtcNow());
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        },
        done => done ? new AuditEntry(AuditActions.AddressMarkedBad, AuditEntry.Reader(readerId)) : null,
        cancellationToken));

    /// <summary>
    /// A digest copy a crash left 'sending' is released to be sent by the digest's next run: the digest page's own decision
    /// (<see cref="DeliveryLedger.ResolveStuckAsync"/>), with its audit entry, and nothing while a run of the digest is going on.
    /// </summary>
    public async Task<DeskActionResult> ReleaseDigestCopyAsync(long readerId, long digestId, AuditActor staff, CancellationToken cancellationToken) =>
        new(await deliveries.ResolveStuckAsync(digestId, readerId, resend: true, staff, cancellationToken));
}
