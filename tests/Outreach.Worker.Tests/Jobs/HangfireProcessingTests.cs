using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Testing;
using Outreach.Worker.Hosting;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Tests.Jobs;

public sealed class HangfireProcessingTests
{
    [Fact]
    public async Task A_job_enqueued_through_the_hub_is_processed_by_a_hangfire_server_on_postgresql()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("hf_process");
        await using var hosts = new HubHosts();
        var worker = await hosts.StartAsync(HostRole.Worker, HubHosts.BaseSettings(connectionString), ProbeJob.Register);
        var key = Guid.NewGuid().ToString("N");

        var catalog = worker.Services.GetRequiredService<JobCatalog>();
        var jobId = catalog.Get("probe").Enqueue(worker.Services.GetRequiredService<IBackgroundJobClient>(),
            new JobArguments(new Dictionary<string, string> { ["key"] = key }));

        var storage = worker.Services.GetRequiredService<JobStorage>();
        await Eventually.HoldsAsync(() => Task.FromResult(storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault()?.StateName),
            state => state == SucceededState.StateName, TimeSpan.FromSeconds(20), "the job never succeeded");
        Assert.Equal(1, ProbeJob.Runs[key]);
    }

    [Fact]
    public async Task A_job_enqueued_from_another_host_while_workers_idle_starts_on_the_next_poll_not_after_the_storage_default()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("hf_latency");
        var settings = HubHosts.BaseSettings(connectionString);
        // The shipped poll interval (one second), and the job enqueued by another host, as the dashboard's "Run now" does.
        settings.Remove("Outreach:Hangfire:QueuePollInterval");
        await using var hosts = new HubHosts();
        var worker = await hosts.StartAsync(HostRole.Worker, settings, ProbeJob.Register);
        var dashboard = await hosts.StartAsync(HostRole.Client, settings, ProbeJob.Register);
        var client = dashboard.Services.GetRequiredService<IBackgroundJobClient>();
        var catalog = worker.Services.GetRequiredService<JobCatalog>();
        // Let the workers reach their idle wait first.
        var warmKey = Guid.NewGuid().ToString("N");
        catalog.Get("probe").Enqueue(client, new JobArguments(new Dictionary<string, string> { ["key"] = warmKey }));
        await Eventually.HoldsAsync(() => Task.FromResult(ProbeJob.Runs.GetValueOrDefault(warmKey)), n => n == 1, TimeSpan.FromSeconds(40), "warm-up job never ran");

        var key = Guid.NewGuid().ToString("N");
        var started = System.Diagnostics.Stopwatch.StartNew();
        catalog.Get("probe").Enqueue(client, new JobArguments(new Dictionary<string, string> { ["key"] = key }));
        await Eventually.HoldsAsync(() => Task.FromResult(ProbeJob.Runs.GetValueOrDefault(key)), n => n == 1, TimeSpan.FromSeconds(30), "job never ran");

        // The hub polls every second; Hangfire.PostgreSql's own default is 15 s. A bound far from both holds on a busy machine
        // and still fails should the hub's interval be lost (the latency itself is measured by `bench -- jobs`).
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A_staff_requeue_of_a_job_that_used_up_its_retries_gets_a_fresh_set_of_attempts()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("hf_requeue");
        var settings = HubHosts.BaseSettings(connectionString);
        settings["Outreach:Hangfire:AutomaticRetries"] = "0";
        await using var hosts = new HubHosts();
        var worker = await hosts.StartAsync(HostRole.Worker, settings, ProbeJob.Register);
        var storage = worker.Services.GetRequiredService<JobStorage>();
        var key = Guid.NewGuid().ToString("N");
        ProbeJob.Failing[key] = true;
        var jobId = worker.Services.GetRequiredService<JobCatalog>().Get("probe")
            .Enqueue(worker.Services.GetRequiredService<IBackgroundJobClient>(), new JobArguments(new Dictionary<string, string> { ["key"] = key }));
        await Eventually.HoldsAsync(() => Task.FromResult(storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault()?.StateName),
            state => state == FailedState.StateName, TimeSpan.FromSeconds(20), "the job never failed");
        using (var connection = storage.GetConnection())
        {
            // Simulate a job whose automatic retries were all used.
            connection.SetJobParameter(jobId, "RetryCount", "10");
        }

        ProbeJob.Failing[key] = false;
        Assert.True(worker.Services.GetRequiredService<IBackgroundJobClient>().Requeue(jobId));

        await Eventually.HoldsAsync(() => Task.FromResult(storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault()?.StateName),
            state => state == SucceededState.StateName, TimeSpan.FromSeconds(20), "the requeued job never succeeded");
        using var check = storage.GetConnection();
        Assert.Equal("0", check.GetJobParameter(jobId, "RetryCount"));
    }
}
