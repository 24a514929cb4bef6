using Outreach.Integrations.Time;
using Outreach.Testing.Metrics;
using Outreach.Worker.Activity;
using Outreach.Worker.Jobs;
using Outreach.Worker.Metrics;

namespace Outreach.Worker.Tests.Metrics;

public sealed class MetricsJobTests
{
    [Fact]
    public async Task Rerunning_a_month_replaces_its_figures_and_never_counts_a_record_twice()
    {
        await using var world = await MetricsWorld.StartAsync("metrics_rerun");
        await OctoberData.SeedAsync(world);
        await OctoberData.SendActivityAsync(world);
        var first = (await world.RunMetricsAsync("2026-10", mail: false)).Single();
        var figures = await world.CountAsync("SELECT count(*) FROM outreach.metric_values WHERE month = '2026-10-01'");

        var again = (await world.RunMetricsAsync("2026-10", mail: false)).Single();
        await OctoberData.SendActivityAsync(world);
        var resent = (await world.RunMetricsAsync("2026-10", mail: false)).Single();
        var unchanged = await world.ReportAsync("2026-10");
        await world.SendAsync("gate", new ActivityRecord("g9-late", OctoberData.Cy, "visit", "2026-10-30T09:00:00+08:00"));
        var late = (await world.RunMetricsAsync("2026-10", mail: false)).Single();
        var updated = await world.ReportAsync("2026-10");

        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.False(again.Changed);
        Assert.Equal(first.Fingerprint, resent.Fingerprint);
        Assert.Equal(5, unchanged.Get("*", Indicators.Visits).Value);
        Assert.True(late.Changed);
        Assert.Equal(4, late.Computations);
        Assert.Equal(3, updated.Get("GL02", Indicators.Visits).Value);
        Assert.Equal(6, updated.Get("*", Indicators.Visits).Value);
        Assert.Equal(figures, await world.CountAsync("SELECT count(*) FROM outreach.metric_values WHERE month = '2026-10-01'"));
        Assert.Equal(4, await world.CountAsync("SELECT computations FROM outreach.metric_months WHERE month = '2026-10-01'"));
    }

    [Fact]
    public async Task The_ledger_refuses_changes_and_a_correction_by_hand_counts_once_the_totals_are_rebuilt()
    {
        await using var world = await MetricsWorld.StartAsync("metrics_totals");
        await OctoberData.SeedAsync(world);
        await OctoberData.SendActivityAsync(world);

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            world.ExecuteAsync("DELETE FROM outreach.activities WHERE source = 'gate' AND source_id = 'g5'"));
        // Cy's visit at 23:59 on the last day turns out to be the gate's test run: removed by hand, as the hint says.
        await world.ExecuteAsync("""
            BEGIN;
            SET LOCAL outreach.ledger_maintenance = 'on';
            DELETE FROM outreach.activities WHERE source = 'gate' AND source_id = 'g5';
            COMMIT;
            """);
        var rebuilt = (await world.RunMetricsAsync("2026-10", mail: false, rebuild: true)).Single();
        var report = await world.ReportAsync("2026-10");

        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(1, rebuilt.Counts["activity_totals_rebuilt"]);
        Assert.Equal(1, report.Get("GL02", Indicators.Visits).Value);
        Assert.Equal(4, report.Get("*", Indicators.Visits).Value);
        Assert.Equal(12, report.Record.Sources.GetProperty("activity_records").GetInt64());
    }

    [Fact]
    public async Task Two_runs_of_the_same_month_at_once_leave_one_complete_set_of_figures()
    {
        await using var world = await MetricsWorld.StartAsync("metrics_concurrent");
        await OctoberData.SeedAsync(world);
        await OctoberData.SendActivityAsync(world);

        await Task.WhenAll(world.RunMetricsAsync("2026-10", mail: false), world.RunMetricsAsync("2026-10", mail: false));
        var report = await world.ReportAsync("2026-10");

        Assert.Equal(2, report.Record.Computations);
        Assert.Equal(5, report.Get("*", Indicators.Visits).Value);
        Assert.Equal(2, await world.CountAsync("SELECT count(*) FROM outreach.job_runs WHERE job = 'metrics' AND status = 'succeeded'"));
    }

    [Fact]
    public async Task Run_metrics_with_a_month_computes_that_month_as_the_cli_does()
    {
        await using var world = await MetricsWorld.StartAsync("metrics_cli");
        await OctoberData.SeedAsync(world);
        var job = world.Get<JobCatalog>().Get("metrics");

        await job.RunAsync(world.Hub.Services, new JobArguments(new Dictionary<string, string> { ["month"] = "2026-10", ["no-mail"] = "" }), CancellationToken.None);

        Assert.Equal(HubQueues.Metrics, job.Queue);
        Assert.Equal(3, (await world.ReportAsync("2026-10")).Get("*", Indicators.EventsHeld).Value);
    }

    [Fact]
    public async Task Without_a_month_the_job_computes_the_month_before_in_Shanghai_time()
    {
        // 16:30 UTC on 31 October is 00:30 on 1 November in Shanghai: October has ended there, though not in UTC.
        await using var world = await MetricsWorld.StartAsync("metrics_default", now: new DateTimeOffset(2026, 10, 31, 16, 30, 0, TimeSpan.Zero));

        var computed = (await world.RunMetricsAsync(month: null, mail: false)).Single();

        Assert.Equal(new ReportMonth(2026, 10), computed.Month);
        Assert.Equal(new ReportMonth(2026, 10), world.Get<MonthlyMetrics>().DefaultMonth());
    }

    [Fact]
    public async Task The_scheduled_run_also_computes_a_month_the_schedule_missed()
    {
        // August was computed; the 1st of October fell on a holiday of the schedule's calendar, so September never was.
        await using var world = await MetricsWorld.StartAsync("metrics_missed");
        await world.RunMetricsAsync("2026-08", mail: false);

        var computed = await world.RunMetricsAsync(month: null, mail: false);

        Assert.Equal([new ReportMonth(2026, 9), new ReportMonth(2026, 10)], computed.Select(c => c.Month));
    }

    [Theory]
    [InlineData("2026-11", "has not ended yet")]
    [InlineData("2026-13", "write it yyyy-MM")]
    [InlineData("October", "write it yyyy-MM")]
    public async Task A_month_that_has_not_ended_or_is_no_month_is_refused_with_a_reason(string month, string reason)
    {
        await using var world = await MetricsWorld.StartAsync("metrics_refused");

        var refused = await Assert.ThrowsAsync<PermanentJobFailureException>(() => world.RunMetricsAsync(month, mail: false));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.metric_months"));
    }

    [Fact]
    public async Task The_report_is_mailed_to_the_recipients_once_per_version_of_the_figures()
    {
        await using var world = await MetricsWorld.StartAsync("metrics_mail", mail: true);
        await OctoberData.SeedAsync(world);
        await OctoberData.SendActivityAsync(world);

        await world.RunMetricsAsync("2026-10");
        var first = await world.Sandbox.Mail.WaitForCountAsync(1, TimeSpan.FromSeconds(10));
        await world.RunMetricsAsync("2026-10");
        await world.SendAsync("gate", new ActivityRecord("g9-late", OctoberData.Cy, "visit", "2026-10-30T09:00:00+08:00"));
        await world.RunMetricsAsync("2026-10");
        var all = await world.Sandbox.Mail.WaitForCountAsync(2, TimeSpan.FromSeconds(10));

        var message = first[0].Parse();
        var csv = message.Attachments.OfType<MimeKit.MimePart>().Single();
        using var content = new MemoryStream();
        await csv.Content!.DecodeToAsync(content);
        var bytes = content.ToArray();
        Assert.Equal([MetricsWorld.Recipient], first[0].To);
        Assert.Equal("outreach-metrics-2026-10.csv", csv.FileName);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains("月末持证读者", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("社会服务成效月报 2026年10月", message.Subject, StringComparison.Ordinal);
        Assert.Contains("环比", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5999/metrics?month=2026-10", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, all.Count);
        Assert.Contains("（重新计算）", all[1].Parse().Subject, StringComparison.Ordinal);
        Assert.Equal(2, await world.CountAsync("SELECT count(*) FROM outreach.metric_report_mail WHERE status = 'sent'"));
    }
}
