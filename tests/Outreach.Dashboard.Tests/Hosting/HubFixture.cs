using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Dashboard.Tests.Hangfire;
using Outreach.Worker.Cli;
using Outreach.Worker.Hosting;
using Outreach.Worker.Jobs;

namespace Outreach.Dashboard.Tests.Hosting;

/// <summary>The dashboard plus an in-process worker host (Hangfire servers) on the same database.</summary>
public sealed class HubFixture : DashboardFixture
{
    private IHost? _worker;

    public JobStorage Storage => Services.GetRequiredService<JobStorage>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _worker = HubHost.Build(HostRole.Worker, TestSettings.Worker(ConnectionString));
        await _worker.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync();
            _worker.Dispose();
        }

        await base.DisposeAsync();
    }

    /// <summary>Enqueues a job of the catalog the way the hub does; its Hangfire id.</summary>
    public string Enqueue(string job, params (string Name, string Value)[] arguments) =>
        Services.GetRequiredService<JobCatalog>().Get(job).Enqueue(
            Services.GetRequiredService<IBackgroundJobClient>(),
            new JobArguments(arguments.ToDictionary(a => a.Name, a => a.Value)));

    public string? StateOf(string jobId)
    {
        using var connection = Storage.GetConnection();
        return connection.GetJobData(jobId)?.State;
    }

    /// <summary>Waits until the job reaches <paramref name="state"/>; fails with the last state seen after the timeout.</summary>
    public async Task WaitForStateAsync(string jobId, string state, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        string? seen = null;
        while (!cancellation.IsCancellationRequested)
        {
            seen = StateOf(jobId);
            if (seen == state)
            {
                return;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        Assert.Fail($"Hangfire job {jobId} is {seen ?? "unknown"}, not {state}, after waiting.");
    }

    /// <summary>A job of <see cref="FlakyJob"/> that the worker has failed once: its Hangfire id and attempt key.</summary>
    public async Task<(string JobId, string Key)> FailedJobAsync()
    {
        var key = Guid.NewGuid().ToString("N");
        var jobId = Enqueue(FlakyJob.Name, ("key", key));
        await WaitForStateAsync(jobId, "Failed");
        return (jobId, key);
    }

    public Task<long> HangfireJobCountAsync() => ScalarAsync("SELECT count(*) FROM hangfire.job");

    protected override void Configure(WebApplicationBuilder builder) => builder.Services.AddJob(FlakyJob.Definition);
}
