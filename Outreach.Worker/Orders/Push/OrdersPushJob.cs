
namespace Outreach.Worker.Orders.Push;

/// <summary>The push as Hangfire and the CLI run it (<c>run orders-push</c>).</summary>
public sealed class OrdersPushJob(OrderPush push)
{
    public Task RunAsync(CancellationToken cancellationToken) => push.RunAsync(cancellationToken);
}
