using System.Net;
using System.Net.Http.Headers;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Testing;

namespace Outreach.EndToEnd.Tests.Telemetry;

public sealed class PrometheusEndpointTests(MetricsWorld metrics) : IClassFixture<MetricsWorld>
{
    private const string Path = "/metrics/prometheus";

    private HubWorld World => metrics.World;

    [Fact]
    public async Task Anonymous_scrape_without_a_token_is_sent_to_the_login_page()
    {
        using var session = World.NewSession();

        using var response = await session.GetAsync(Path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_token_gets_401_and_no_metrics()
    {
        using var session = World.NewSession();

        using var response = await session.SendAsync(Scrape("not-the-token-but-long-enough-0123456789"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("outreach_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_with_the_token_reads_the_hangfire_gauges_and_http_metrics()
    {
        using var session = World.NewSession();
        var failed = World.Enqueue(ProbeJob.Name, ("key", FailingKey()));
        await World.WaitForStateAsync(failed, "Failed");

        // The exporter may answer from its cache of a scrape a moment ago: scrape until the failed job shows.
        var exposition = await Eventually.HoldsAsync(() => ScrapeAsync(session), text => PrometheusText.Sum(text, "outreach_hangfire_jobs", ("state", "failed")) >= 1,
            TimeSpan.FromSeconds(10), "the failed jobs gauge counts the failed job");

        Assert.True(PrometheusText.Has(exposition, "http_server_request_duration_seconds_bucket"), "no ASP.NET Core request metrics");
        Assert.True(PrometheusText.Has(exposition, "dotnet_gc_collections_total") || PrometheusText.Has(exposition, "process_runtime_dotnet_gc_collections_count_total"),
            "no runtime metrics");
    }

    [Fact]
    public async Task Viewers_may_not_read_the_metrics_but_operators_may()
    {
        using var viewer = await World.SignedInAsync(TestAccounts.Viewer);
        using var @operator = await World.SignedInAsync(TestAccounts.Operator);

        using var refused = await viewer.GetAsync(Path);
        using var allowed = await @operator.GetAsync(Path);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("outreach_hangfire_jobs", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(StaffSession session)
    {
        using var response = await session.SendAsync(Scrape(HubSettings.ScrapeToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static HttpRequestMessage Scrape(string token) =>
        new(HttpMethod.Get, new Uri(Path, UriKind.Relative)) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    private static string FailingKey()
    {
        var key = "gauge-" + Guid.NewGuid().ToString("N");
        ProbeJob.FailFor(key);
        return key;
    }
}
