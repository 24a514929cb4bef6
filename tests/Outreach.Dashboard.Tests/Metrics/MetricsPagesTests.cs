using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Outreach.Worker.Metrics.Report;

namespace Outreach.Dashboard.Tests.Metrics;

public sealed class MetricsPagesTests(MetricsDashboardFixture fixture) : IClassFixture<MetricsDashboardFixture>
{
    private static object Batch(params object[] records) => new { batch = "2026-10-31", records };

    private async Task ComputedOctoberAsync()
    {
        using var gate = fixture.Api(MetricsDashboardFixture.GateKey);
        using var sent = await gate.PostAsJsonAsync(new Uri("/api/activity", UriKind.Relative), Batch(
            new { id = "v1", card = "ZB0000000011", kind = "visit", at = "2026-10-31T23:59:00+08:00" },
            new { id = "v2", card = "ZB0000000022", kind = "loan", at = "2026-10-12 10:00" }));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        await fixture.ComputeAsync("2026-10");
    }

    [Fact]
    public async Task The_page_shows_the_table_per_community_the_trend_charts_and_the_downloads()
    {
        await ComputedOctoberAsync();
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var html = await viewer.PageAsync("/metrics?month=2026-10");
        var chart = await viewer.PageAsync("/metrics?month=2026-10&chart=GL02");

        Assert.Contains("href=\"/metrics\"", html, StringComparison.Ordinal);
        Assert.Contains("GL01 古林GL01社区", html, StringComparison.Ordinal);
        Assert.Contains($"<th>{ResourceText.English<ReportText>("AllCommunities")}</th>", html, StringComparison.Ordinal);
        Assert.Contains("data-indicator=\"visits\"", html, StringComparison.Ordinal);
        Assert.Contains("Loans per capita", html, StringComparison.Ordinal);
        Assert.Equal(6, html.Split("<svg").Length - 1);
        Assert.Contains("href=\"/metrics/csv?month=2026-10\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/metrics/report?month=2026-10", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/metrics/report.css\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Compute again", html, StringComparison.Ordinal);
        Assert.Contains("古林GL02社区", chart.Split("<div class=\"trends\">")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_librarian_reads_the_page_the_csv_and_the_printable_report_in_Chinese_by_default()
    {
        await ComputedOctoberAsync();
        using var viewer = await fixture.NewClient("zh-CN").SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync("/metrics?month=2026-10");
        using var csv = await viewer.GetAsync("/metrics/csv?month=2026-10");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync())[1..];
        var report = await viewer.PageAsync("/metrics/report?month=2026-10");

        Assert.Contains("<h1>社会服务成效月报</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<th>全部社区</th>", page, StringComparison.Ordinal);
        Assert.Contains("人均借阅", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Loans per capita", page, StringComparison.Ordinal);
        Assert.StartsWith("月份,社区代码,社区,指标键,指标,分组,单位,数值", text, StringComparison.Ordinal);
        Assert.Contains("2026-10,GL01,古林GL01社区,visits,到馆人次,利用,count,1,", text, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", report, StringComparison.Ordinal);
        Assert.Contains("社会服务成效月报 2026年10月", report, StringComparison.Ordinal);
        Assert.Contains("环比", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_month_not_computed_says_so_and_operators_can_compute_it_but_viewers_cannot()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);
        using var operatorClient = await fixture.SignedInAsync(TestAccounts.Operator);

        var page = await viewer.PageAsync("/metrics?month=2025-03");
        var forbidden = await viewer.SubmitAsync("/metrics?month=2025-03", "/metrics?handler=Compute", ("month", "2025-03"));
        var operatorPage = await operatorClient.PageAsync("/metrics?month=2025-03");
        var enqueued = await operatorClient.SubmitAsync("/metrics?month=2025-03", "/metrics?handler=Compute", ("month", "2025-03"));

        Assert.Contains("have not been computed yet", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("Compute 2025-03", operatorPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, enqueued.StatusCode);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%MetricsJob%' AND arguments::text LIKE '%2025-03%'"));
    }

    [Fact]
    public async Task The_csv_is_utf8_with_a_byte_order_mark_and_the_printable_report_is_a_page_with_charts()
    {
        await ComputedOctoberAsync();
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        using var csv = await viewer.GetAsync("/metrics/csv?month=2026-10");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        using var report = await viewer.GetAsync("/metrics/report?month=2026-10");
        var html = await report.Content.ReadAsStringAsync();
        using var missing = await viewer.GetAsync("/metrics/csv?month=2019-01");
        using var anonymous = await fixture.NewClient().GetAsync("/metrics/csv?month=2026-10");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("outreach-metrics-2026-10.csv", csv.Content.Headers.ContentDisposition?.FileNameStar ?? csv.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("month,community code,community,indicator key,indicator,group,unit,value", text, StringComparison.Ordinal);
        Assert.Contains("2026-10,GL01,古林GL01社区,visits,Visits,Use,count,1,", text, StringComparison.Ordinal);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/metrics/report.css\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", report.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_figures_api_needs_its_key_and_gives_every_community_with_changes()
    {
        await ComputedOctoberAsync();
        using var none = fixture.Api(null);
        using var activityKey = fixture.Api(MetricsDashboardFixture.GateKey);
        using var town = fixture.Api(MetricsDashboardFixture.TownKey);

        using var refused = await none.GetAsync(new Uri("/api/metrics/2026-10", UriKind.Relative));
        using var wrongKey = await activityKey.GetAsync(new Uri("/api/metrics/2026-10", UriKind.Relative));
        using var list = await town.GetAsync(new Uri("/api/metrics", UriKind.Relative));
        using var month = await town.GetAsync(new Uri("/api/metrics/2026-10", UriKind.Relative));
        using var notComputed = await town.GetAsync(new Uri("/api/metrics/2019-01", UriKind.Relative));
        using var notAMonth = await town.GetAsync(new Uri("/api/metrics/2026-13", UriKind.Relative));
        using var json = JsonDocument.Parse(await month.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("\"month\":\"2026-10\"", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var root = json.RootElement;
        Assert.Equal("Asia/Shanghai", root.GetProperty("timeZone").GetString());
        var communities = root.GetProperty("communities").EnumerateArray().ToList();
        Assert.Equal(["GL01", "GL02", "all"], communities.Select(c => c.GetProperty("code").GetString()));
        var visits = communities[0].GetProperty("figures").GetProperty("visits");
        Assert.Equal(1, visits.GetProperty("value").GetDecimal());
        Assert.Equal(JsonValueKind.Null, visits.GetProperty("changeFromSameMonthLastYear").ValueKind);
        Assert.Equal(2, communities[2].GetProperty("figures").GetProperty("active_readers").GetProperty("value").GetDecimal());
        Assert.Equal(HttpStatusCode.NotFound, notComputed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAMonth.StatusCode);
    }

    [Fact]
    public async Task The_activity_api_counts_a_resent_batch_once_quarantines_unknown_cards_and_refuses_what_it_cannot_take()
    {
        using var none = fixture.Api(null);
        using var gate = fixture.Api(MetricsDashboardFixture.GateKey);
        var batch = Batch(
            new { id = 9001, card = "ZB0000000011", kind = "visit", at = "2026-09-10T10:00:00+08:00" },
            new { id = "9002", card = "ZB0000099999", kind = "visit", at = "2026-09-10T10:01:00+08:00" });

        using var refused = await none.PostAsJsonAsync(new Uri("/api/activity", UriKind.Relative), batch);
        using var first = await gate.PostAsJsonAsync(new Uri("/api/activity", UriKind.Relative), batch);
        using var again = await gate.PostAsJsonAsync(new Uri("/api/activity", UriKind.Relative), batch);
        using var tooBig = await gate.PostAsJsonAsync(new Uri("/api/activity", UriKind.Relative),
            Batch(Enumerable.Range(0, MetricsDashboardFixture.MaxBatch + 1).Select(i => (object)new { id = $"x{i}", card = "ZB0000000011", kind = "visit", at = "2026-09-10T10:00:00+08:00" }).ToArray()));
        using var garbage = await gate.PostAsync(new Uri("/api/activity", UriKind.Relative), new StringContent("{\"records\": [", Encoding.UTF8, "application/json"));
        using var firstJson = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var againJson = JsonDocument.Parse(await again.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, firstJson.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(1, firstJson.RootElement.GetProperty("quarantined").GetInt32());
        Assert.Equal("unknown_card", firstJson.RootElement.GetProperty("rejects")[0].GetProperty("reason").GetString());
        Assert.Equal(0, againJson.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(1, againJson.RootElement.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, againJson.RootElement.GetProperty("alreadyQuarantined").GetInt32());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.activities WHERE source = 'gate' AND source_id = '9001'"));
    }
}
