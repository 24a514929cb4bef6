using System.Globalization;
using Hangfire;
using Npgsql;
using Outreach.Worker.Audit;
using Outreach.Worker.Jobs;
using Outreach.Worker.Orders.Desk;
using Outreach.Worker.Orders.Notices;

namespace Outreach.Worker.Desk;

/// <summary>
/// What staff do for a reader from the desk. Each acts only while the record is still as the page showed it, writes its
/// audit entry in the same transaction, and a repeat that finds nothing to do changes nothing and writes none.
/// </summary>
public sealed class ReaderDeskActions(AuditTrail audit, IBackgroundJobClient jobs)
{
    /// <summary>
    /// A notice the job gave up on is put back in the queue with fresh attempts, and the notice job is enqueued. The
    /// notice ledger (sent_at under the row's lock) still sends it at most once, whoever runs the job.
    /// </summary>
    public async Task<DeskResult> ResendNoticeAsync(long readerId, string orderRef, string kind, AuditActor staff, CancellationToken cancellationToken)
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
        if (!requeued)
        {
            return new DeskResult(false, $"{orderRef} 的这条通知不是“发送失败”状态（可能已有同事处理），未做任何操作。");
        }

        var jobId = jobs.Enqueue<ReaderNoticeJob>(HubQueues.Mail, job => job.RunAsync(CancellationToken.None));
        return new DeskResult(true, string.Create(CultureInfo.InvariantCulture, $"{orderRef} 的通知已重新排队发送（Hangfire 任务 {jobId}）。"));
    }
}
