using Hangfire;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Orders.Notices;

/// <summary>Puts the notice job on the mail queue once a status change has written notices.</summary>
public sealed class NoticeEnqueuer(IBackgroundJobClient client)
{
    public string Enqueue() => client.Enqueue<ReaderNoticeJob>(HubQueues.Mail, job => job.RunAsync(CancellationToken.None));
}
