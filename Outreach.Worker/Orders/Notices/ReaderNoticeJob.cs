
namespace Outreach.Worker.Orders.Notices;

/// <summary>Reader notices as Hangfire and the CLI run them (<c>run orders-notify</c>).</summary>
public sealed class ReaderNoticeJob(ReaderNotices notices)
{
    public Task RunAsync(CancellationToken cancellationToken) => notices.RunAsync(cancellationToken);
}
