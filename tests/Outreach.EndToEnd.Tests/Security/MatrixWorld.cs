using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Hangfire;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Worker.Jobs;

namespace Outreach.EndToEnd.Tests.Security;

/// <summary>
/// A hub whose Hangfire lists all hold a job (so every dashboard button shows), and the routes of its dashboard:
/// endpoints from the EndpointDataSource and the Hangfire commands an operator's pages offer.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DashboardRoutesGroup : ICollectionFixture<MatrixWorld>
{
    public const string Name = "Dashboard routes";
}

public sealed class MatrixWorld : IAsyncLifetime
{
    /// <summary>A queue this world's worker does not serve, so a job stays Enqueued.</summary>
    private const string UnservedQueue = HubQueues.Metrics;

    public HubWorld World { get; private set; } = null!;

    public IReadOnlyList<RouteCase> Routes { get; private set; } = [];

    public async Task InitializeAsync()
    {
        World = await HubWorld.StartAsync("matrix", new WorldOptions
        {
            Configure = settings =>
            {
                settings["Outreach:Hangfire:AutomaticRetries"] = "0";
                settings[$"Outreach:Hangfire:Queues:{UnservedQueue}"] = "0";
            },
            WorkerServices = ProbeJob.Register,
            DashboardServices = builder => ProbeJob.Register(builder.Services),
        });

        var failingKey = "matrix-" + Guid.NewGuid().ToString("N");
        ProbeJob.FailFor(failingKey);
        var failed = World.Enqueue(ProbeJob.Name, ("key", failingKey));
        var succeeded = World.Enqueue(ProbeJob.Name, ("key", "matrix-fine"));
        var client = World.Dashboard.Services.GetRequiredService<IBackgroundJobClient>();
        var scheduled = client.Schedule<ProbeJob>(job => job.RunAsync("matrix-later", CancellationToken.None), TimeSpan.FromDays(1));
        client.ContinueJobWith<ProbeJob>(scheduled, job => job.RunAsync("matrix-after", CancellationToken.None));
        client.Enqueue<ProbeJob>(UnservedQueue, job => job.RunAsync("matrix-waiting", CancellationToken.None));
        client.Delete(client.Schedule<ProbeJob>(job => job.RunAsync("matrix-gone", CancellationToken.None), TimeSpan.FromDays(1)));
        await World.WaitForStateAsync(failed, "Failed");
        await World.WaitForStateAsync(succeeded, "Succeeded");

        using var @operator = await World.SignedInAsync(TestAccounts.Operator);
        Routes = [.. await DashboardRoutes.EndpointsAsync(World.Dashboard), .. await DashboardRoutes.HangfireCommandsAsync(@operator, HangfireDashboard.JobDetails(failed))];
    }

    public Task DisposeAsync() => World.DisposeAsync().AsTask();
}
