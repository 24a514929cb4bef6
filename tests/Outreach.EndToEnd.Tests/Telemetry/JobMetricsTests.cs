using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Testing;

namespace Outreach.EndToEnd.Tests.Telemetry;

/// <summary>A dashboard and an in-process worker that knows the probe job and serves its metrics on a loopback port.</summary>
public sealed class MetricsWorld : IAsyncLifetime
{
    public int WorkerPort { get; } = FreePort.Next();

    public HubWorld World { get; private set; } = null!;

    public MeterCapture Meters { get; } = new();

    public async Task InitializeAsync() => World = await HubWorld.StartAsync("metrics", new WorldOptions
    {
        Configure = settings =>
        {
            settings["Outreach:Hangfire:AutomaticRetries"] = "0";
            settings["Outreach:Telemetry:PrometheusPort"] = WorkerPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        },
        WorkerServices = ProbeJob.Register,
        DashboardServices = builder => ProbeJob.Register(builder.Services),
    });

    public async Task DisposeAsync()
    {
        Meters.Dispose();
        await World.DisposeAsync();
    }
}

public sealed class JobMetricsTests(MetricsWorld metrics) : IClassFixture<MetricsWorld>
{
    private const string Probe = "ProbeJob.RunAsync";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private HubWorld World => metrics.World;

    [Fact]
    public async Task A_job_that_succeeds_counts_an_execution_a_duration_and_a_success_on_its_queue()
    {
        var before = metrics.Meters.Sum("outreach.jobs.succeeded", ("queue", "default"), ("job", Probe));

        var jobId = World.Enqueue(ProbeJob.Name, ("key", "fine-" + Guid.NewGuid().ToString("N")));
        await World.WaitForStateAsync(jobId, "Succeeded");

        await Eventually.TrueAsync(() => Task.FromResult(metrics.Meters.Sum("outreach.jobs.succeeded", ("queue", "default"), ("job", Probe)) == before + 1),
            Wait, "outreach.jobs.succeeded counted the job");
        Assert.True(metrics.Meters.Count("outreach.jobs.performed", ("queue", "default"), ("job", Probe), ("outcome", "succeeded")) >= 1);
        Assert.True(metrics.Meters.Count("outreach.jobs.duration", ("queue", "default"), ("job", Probe), ("outcome", "succeeded")) >= 1);
    }

    [Fact]
    public async Task A_job_that_fails_counts_a_failed_execution_and_a_failed_job()
    {
        var key = "broken-" + Guid.NewGuid().ToString("N");
        ProbeJob.FailFor(key);
        var failedBefore = metrics.Meters.Sum("outreach.jobs.failed", ("queue", "default"), ("job", Probe));
        var succeededBefore = metrics.Meters.Sum("outreach.jobs.succeeded", ("queue", "default"), ("job", Probe));

        var jobId = World.Enqueue(ProbeJob.Name, ("key", key));
        await World.WaitForStateAsync(jobId, "Failed");

        await Eventually.TrueAsync(() => Task.FromResult(metrics.Meters.Sum("outreach.jobs.failed", ("queue", "default"), ("job", Probe)) == failedBefore + 1),
            Wait, "outreach.jobs.failed counted the job");
        Assert.True(metrics.Meters.Count("outreach.jobs.performed", ("queue", "default"), ("job", Probe), ("outcome", "failed")) >= 1);
        Assert.Equal(succeededBefore, metrics.Meters.Sum("outreach.jobs.succeeded", ("queue", "default"), ("job", Probe)));
    }

    [Fact]
    public async Task A_roster_sync_counts_the_rows_it_read_and_applied_for_its_community()
    {
        World.Sandbox.Communities.Seed("GL02", HubSettings.TokenOf("GL02"), Residents.Range("GL02", 1, 250));

        var jobId = World.Enqueue("sync", ("community", "GL02"));
        await World.WaitForStateAsync(jobId, "Succeeded");

        await Eventually.TrueAsync(() => Task.FromResult(metrics.Meters.Sum("outreach.runs.items", ("job", "sync"), ("scope", "GL02"), ("count", "read")) == 250),
            Wait, "outreach.runs.items counted 250 rows read");
        Assert.Equal(250, metrics.Meters.Sum("outreach.runs.items", ("job", "sync"), ("scope", "GL02"), ("count", "applied")));
        Assert.Equal(0, metrics.Meters.Sum("outreach.runs.items", ("job", "sync"), ("scope", "GL02"), ("count", "seconds")));
    }

    [Fact]
    public async Task The_worker_serves_its_counters_to_prometheus_on_its_loopback_port_with_the_token()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metrics.WorkerPort}/") };
        var before = PrometheusText.Sum(await ScrapeAsync(http), "outreach_jobs_succeeded_total", ("queue", "default"), ("job", Probe));

        var jobId = World.Enqueue(ProbeJob.Name, ("key", "scraped-" + Guid.NewGuid().ToString("N")));
        await World.WaitForStateAsync(jobId, "Succeeded");

        await Eventually.HoldsAsync(async () => PrometheusText.Sum(await ScrapeAsync(http), "outreach_jobs_succeeded_total", ("queue", "default"), ("job", Probe)),
            total => total >= before + 1, Wait, "the worker's scrape shows the job succeeded");
        var exposition = await ScrapeAsync(http);
        Assert.True(PrometheusText.Has(exposition, "outreach_jobs_duration_seconds_bucket"), "no job duration histogram in the scrape");
        using var anonymous = await http.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<string> ScrapeAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", HubSettings.ScrapeToken);
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
