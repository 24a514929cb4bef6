
namespace Outreach.Worker.Orders.Fulfilment;

/// <summary>The fulfilment poll as Hangfire and the CLI run it (<c>run orders-poll</c>).</summary>
public sealed class OrdersPollJob(FeedPoll poll)
{
    public Task RunAsync(CancellationToken cancellationToken) => poll.RunAsync(cancellationToken);
}
