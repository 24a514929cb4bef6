using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Outreach.Integrations.Time;
using Outreach.Worker.Jobs;
using Outreach.Worker.Metrics;
using Outreach.Worker.Metrics.Computing;
using Outreach.Worker.Metrics.Mail;
using Outreach.Worker.Metrics.Reading;

namespace Outreach.Worker.Tests.Metrics;

/// <summary>Which months the metrics job computes and mails, with the computation, the stored months, the mailer and the run log substituted.</summary>
public sealed class MonthlyMetricsTests
{
    private static readonly ReportMonth September = new(2026, 9);
    private static readonly ReportMonth October = new(2026, 10);

    private readonly IMonthComputation _computation = Substitute.For<IMonthComputation>();
    private readonly IComputedMonths _stored = Substitute.For<IComputedMonths>();
    private readonly IReportMailer _mailer = Substitute.For<IReportMailer>();
    private readonly MonthlyMetrics _metrics;

    public MonthlyMetricsTests()
    {
        // 10 November 2026 in Ningbo: October is the latest month that has ended.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.FromHours(8)));
        _computation.ComputeAsync(Arg.Any<ReportMonth>(), Arg.Any<RunScope>(), Arg.Any<bool>(), Arg.Any<CancellationToken>())
            .Returns(call => new ComputedMonth(call.Arg<ReportMonth>(), clock.GetUtcNow(), 1, "f", true,
                new Dictionary<string, long> { ["figures"] = 40, ["activity_records"] = 1000 }));
        _stored.ReportAsync(Arg.Any<ReportMonth>(), Arg.Any<CancellationToken>()).Returns(call => Report(call.Arg<ReportMonth>()));
        _mailer.SendAsync(Arg.Any<MonthlyReport>(), Arg.Any<long>(), Arg.Any<CancellationToken>()).Returns(new MailOutcome(1, 0, 0, 0, []));
        _metrics = new MonthlyMetrics(_computation, _stored, _mailer, new JobRuns(Substitute.For<IRunLog>(), NullLogger<JobRuns>.Instance),
            new LibraryCalendar(clock, Options.Create(new LibraryTimeOptions())), NullLogger<MonthlyMetrics>.Instance);
    }

    [Fact]
    public async Task The_monthly_schedule_computes_the_month_before_and_every_month_it_missed_since_mailing_each()
    {
        _stored.MonthsAsync(Arg.Any<CancellationToken>()).Returns([Record(new ReportMonth(2026, 8))]);

        var computed = await _metrics.RunAsync(month: null, from: null, mail: true, rebuild: false, CancellationToken.None);

        Assert.Equal([September, October], computed.Select(c => c.Month));
        await _mailer.Received(2).SendAsync(Arg.Any<MonthlyReport>(), Arg.Any<long>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_range_asked_for_by_hand_is_history_and_only_its_last_month_is_mailed()
    {
        var computed = await _metrics.RunAsync(month: "2026-10", from: "2026-08", mail: true, rebuild: true, CancellationToken.None);

        Assert.Equal(3, computed.Count);
        await _computation.Received(3).ComputeAsync(Arg.Any<ReportMonth>(), Arg.Any<RunScope>(), true, Arg.Any<CancellationToken>());
        await _mailer.Received(1).SendAsync(Arg.Is<MonthlyReport>(r => r.Month == October), Arg.Any<long>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("2026-11", null, "2026-11 has not ended yet (Asia/Shanghai)")]
    [InlineData("2026-10", "2026-11", "--from 2026-11 comes after --month 2026-10.")]
    [InlineData("2026-10", "2023-10", "2023-10 to 2026-10 is 37 months; compute at most 36 per run.")]
    [InlineData("2026-1O", null, "--month '2026-1O' is not a month: write it yyyy-MM, e.g. 2026-10.")]
    public async Task A_month_that_cannot_be_computed_goes_straight_to_failed_and_nothing_is_computed(string month, string? from, string reason)
    {
        var refused = await Assert.ThrowsAsync<PermanentJobFailureException>(() => _metrics.RunAsync(month, from, mail: true, rebuild: false, CancellationToken.None));

        Assert.StartsWith(reason, refused.Message, StringComparison.Ordinal);
        await _computation.DidNotReceiveWithAnyArgs().ComputeAsync(default, default!, default, default);
    }

    [Fact]
    public async Task A_report_the_relay_deferred_keeps_the_figures_and_fails_the_job_for_hangfire_to_mail_again()
    {
        _mailer.SendAsync(Arg.Any<MonthlyReport>(), Arg.Any<long>(), Arg.Any<CancellationToken>())
            .Returns(new MailOutcome(0, 0, 0, 1, ["town@gulin.example.cn not sent yet: 451 try later"]));

        var failure = await Assert.ThrowsAsync<ReportNotMailedException>(() => _metrics.RunAsync("2026-10", null, mail: true, rebuild: false, CancellationToken.None));

        Assert.Contains("The figures of 2026-10 are stored", failure.Message, StringComparison.Ordinal);
    }

    private static ComputedMonthRecord Record(ReportMonth month) =>
        new(month, "Asia/Shanghai", default, default, default, 1, 1, "f", JsonSerializer.Deserialize<JsonElement>("{}"));

    private static MonthlyReport Report(ReportMonth month) =>
        new(Record(month), previousComputed: true, lastYearComputed: false, [], Indicators.All, new Dictionary<(ReportMonth, string, string), decimal?>());
}
