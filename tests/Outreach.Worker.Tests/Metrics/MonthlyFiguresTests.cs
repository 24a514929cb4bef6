using System.Globalization;
using Outreach.Testing.Metrics;
using Outreach.Worker.Metrics;
using Outreach.Worker.Metrics.Reading;

namespace Outreach.Worker.Tests.Metrics;

/// <summary>The October data set, taken in through the intake and computed from 2025-10 to 2026-10 (so both changes exist).</summary>
public sealed class OctoberFixture : IAsyncLifetime
{
    public MetricsWorld World { get; private set; } = null!;

    public MonthlyReport October { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        World = await MetricsWorld.StartAsync("monthly_figures");
        await OctoberData.SeedAsync(World);
        await OctoberData.SendActivityAsync(World);
        await World.RunMetricsAsync("2026-10", from: "2025-10", mail: false);
        October = await World.ReportAsync("2026-10");
    }

    public async Task DisposeAsync() => await World.DisposeAsync();
}

public sealed class MonthlyFiguresTests(OctoberFixture fixture) : IClassFixture<OctoberFixture>
{
    private const string All = "*";

    // Hand-computed from OctoberData (see its summary); shares and per-capita figures are kept to ten decimals.
    public static TheoryData<string, string, string?> October => new()
    {
        // Population and cards. Holders at month end: GL01 Ann and Fu (reactivated 10-03); GL02 Bo (moved in 10-15) and Cy.
        { "GL01", Indicators.PopulationServed, "1000" }, { "GL02", Indicators.PopulationServed, "2000" }, { All, Indicators.PopulationServed, "3000" },
        { "GL01", Indicators.CardHolders, "2" }, { "GL02", Indicators.CardHolders, "2" }, { All, Indicators.CardHolders, "4" },
        { "GL01", Indicators.NewCards, "0" }, { "GL02", Indicators.NewCards, "1" }, { All, Indicators.NewCards, "1" },
        { "GL01", Indicators.WithdrawnCards, "1" }, { "GL02", Indicators.WithdrawnCards, "0" }, { All, Indicators.WithdrawnCards, "1" },
        { "GL01", Indicators.CardHolderShare, "0.002" }, { "GL02", Indicators.CardHolderShare, "0.001" }, { All, Indicators.CardHolderShare, "0.0013333333" },
        // Use. GL01: Ann (g1, g7 at 23:59, l1, l2, a1), Bo before his move (g3, l5), Di on her withdrawn card (l3). GL02: Bo after
        // the move (g4, e1), Cy (g5 at 23:59 local, l4 at 23:59:59, a4). g2 is September's, g6 (16:00Z) November's, g8 quarantined.
        { "GL01", Indicators.ActiveReaders, "3" }, { "GL02", Indicators.ActiveReaders, "2" }, { All, Indicators.ActiveReaders, "4" },
        { "GL01", Indicators.PopulationReached, "0.003" }, { "GL02", Indicators.PopulationReached, "0.001" }, { All, Indicators.PopulationReached, "0.0013333333" },
        { "GL01", Indicators.Visits, "3" }, { "GL02", Indicators.Visits, "2" }, { All, Indicators.Visits, "5" },
        { "GL01", Indicators.VisitsPerCapita, "0.003" }, { "GL02", Indicators.VisitsPerCapita, "0.001" }, { All, Indicators.VisitsPerCapita, "0.0016666667" },
        { "GL01", Indicators.Loans, "4" }, { "GL02", Indicators.Loans, "1" }, { All, Indicators.Loans, "5" },
        { "GL01", Indicators.LoansPerCapita, "0.004" }, { "GL02", Indicators.LoansPerCapita, "0.0005" }, { All, Indicators.LoansPerCapita, "0.0016666667" },
        { "GL01", Indicators.EresourceSessions, "0" }, { "GL02", Indicators.EresourceSessions, "1" }, { All, Indicators.EresourceSessions, "1" },
        // Events: E1 (all) and E5 (GL01, 23:30 on the last day) in GL01; E1 and E2 in GL02; E3 cancelled, E4 starts 11-01 00:00.
        // Attendance: Ann once at E1 (sent twice by the sign-in system, once more by the kiosk), Cy once.
        { "GL01", Indicators.EventsHeld, "2" }, { "GL02", Indicators.EventsHeld, "2" }, { All, Indicators.EventsHeld, "3" },
        { "GL01", Indicators.Attendance, "1" }, { "GL02", Indicators.Attendance, "1" }, { All, Indicators.Attendance, "2" },
        { "GL01", Indicators.AttendancePerThousand, "1" }, { "GL02", Indicators.AttendancePerThousand, "0.5" }, { All, Indicators.AttendancePerThousand, "0.6666666667" },
        // Seats (E1 in both, E2 in GL02, E5 in GL01; E3 cancelled, E4 November). Registrations leave out Cy's walk-in at E1 and
        // Ann's cancellation at E5; seats taken count Ann's guest and the walk-in: GL01 E1 4 + E5 1 of 7, GL02 E1 4 + E2 2 of 8.
        // Waitlist: Fu at E1 (still waiting), Ed at E2 (offered, then registered). No-shows: Bo at E1, Ed at E2.
        { "GL01", Indicators.SeatCapacity, "7" }, { "GL02", Indicators.SeatCapacity, "8" }, { All, Indicators.SeatCapacity, "11" },
        { "GL01", Indicators.SeatRegistrations, "3" }, { "GL02", Indicators.SeatRegistrations, "4" }, { All, Indicators.SeatRegistrations, "5" },
        { "GL01", Indicators.SeatFillRate, "0.7142857143" }, { "GL02", Indicators.SeatFillRate, "0.75" }, { All, Indicators.SeatFillRate, "0.6363636364" },
        { "GL01", Indicators.SeatWaitlistDemand, "1" }, { "GL02", Indicators.SeatWaitlistDemand, "2" }, { All, Indicators.SeatWaitlistDemand, "2" },
        { "GL01", Indicators.SeatNoShows, "1" }, { "GL02", Indicators.SeatNoShows, "2" }, { All, Indicators.SeatNoShows, "2" },
        { "GL01", Indicators.SeatNoShowRate, "0.3333333333" }, { "GL02", Indicators.SeatNoShowRate, "0.5" }, { All, Indicators.SeatNoShowRate, "0.4" },
        // By kind: the lecture E1 everywhere, the film salon E2 in GL02 only (empty rates where it was not held), the reading club E5 in GL01.
        { "GL01", "seats:lecture:seat_registrations", "2" }, { "GL02", "seats:lecture:seat_registrations", "2" }, { All, "seats:lecture:seat_registrations", "2" },
        { "GL01", "seats:lecture:seat_fill_rate", "1" }, { All, "seats:lecture:seat_no_show_rate", "0.5" }, { All, "seats:lecture:seat_waitlist_demand", "1" },
        { "GL01", "seats:film:seat_registrations", "0" }, { "GL01", "seats:film:seat_fill_rate", null }, { "GL01", "seats:film:seat_no_show_rate", null },
        { "GL02", "seats:film:seat_fill_rate", "0.5" }, { "GL02", "seats:film:seat_waitlist_demand", "1" }, { All, "seats:film:seat_no_show_rate", "0.5" },
        { "GL01", "seats:reading:seat_fill_rate", "0.3333333333" }, { "GL01", "seats:reading:seat_no_show_rate", "0" }, { "GL02", "seats:reading:seat_registrations", "0" },
        // Digests: GL01's to Ann (delivered), Di (bounced), Fu (failed); GL02's to Bo at 23:59:30 (Cy's went at 00:00:30, November).
        // Unsubscribes: Bo on 10-14, before his move (GL01), and Di.
        { "GL01", Indicators.DigestRecipients, "3" }, { "GL02", Indicators.DigestRecipients, "1" }, { All, Indicators.DigestRecipients, "4" },
        { "GL01", Indicators.DigestSent, "2" }, { "GL02", Indicators.DigestSent, "1" }, { All, Indicators.DigestSent, "3" },
        { "GL01", Indicators.DigestDelivered, "1" }, { "GL02", Indicators.DigestDelivered, "1" }, { All, Indicators.DigestDelivered, "2" },
        { "GL01", Indicators.DigestBounceRate, "0.5" }, { "GL02", Indicators.DigestBounceRate, "0" }, { All, Indicators.DigestBounceRate, "0.3333333333" },
        { "GL01", Indicators.DigestUnsubscribes, "2" }, { "GL02", Indicators.DigestUnsubscribes, "0" }, { All, Indicators.DigestUnsubscribes, "2" },
        { "GL01", Indicators.DigestUnsubscribeRate, "0.6666666667" }, { "GL02", Indicators.DigestUnsubscribeRate, "0" }, { All, Indicators.DigestUnsubscribeRate, "0.5" },
        // Orders: O1 requested 09-28 and delivered 10-03 (5 days), O2 2 days, O3 11 days (delivered 23:50 on the last day),
        // O4 cancelled, O5 open, O6 requested in October and delivered 11-01 00:10.
        { "GL01", Indicators.OrdersRequested, "2" }, { "GL02", Indicators.OrdersRequested, "3" }, { All, Indicators.OrdersRequested, "5" },
        { "GL01", Indicators.OrdersDelivered, "2" }, { "GL02", Indicators.OrdersDelivered, "1" }, { All, Indicators.OrdersDelivered, "3" },
        { "GL01", Indicators.OrdersClosedUndelivered, "0" }, { "GL02", Indicators.OrdersClosedUndelivered, "1" }, { All, Indicators.OrdersClosedUndelivered, "1" },
        { "GL01", Indicators.OrdersFulfilmentRate, "1" }, { "GL02", Indicators.OrdersFulfilmentRate, "0.5" }, { All, Indicators.OrdersFulfilmentRate, "0.75" },
        { "GL01", Indicators.OrderDaysMedian, "3.5" }, { "GL02", Indicators.OrderDaysMedian, "11" }, { All, Indicators.OrderDaysMedian, "5" },
        { "GL01", Indicators.OrderDaysP90, "4.7" }, { "GL02", Indicators.OrderDaysP90, "11" }, { All, Indicators.OrderDaysP90, "9.8" },
        { "GL01", Indicators.SpendTotal, "120" }, { "GL02", Indicators.SpendTotal, "80" }, { All, Indicators.SpendTotal, "200" },
        { "GL01", "spend:SOC-2026", "120" }, { "GL02", "spend:SOC-2026", "0" }, { All, "spend:SOC-2026", "120" },
        { "GL01", "spend:LIB-2026", "0" }, { "GL02", "spend:LIB-2026", "80" }, { All, "spend:LIB-2026", "80" },
        // Data quality: roster rows quarantined 10-05 and 10-31 23:59 (not 11-01 00:00); sync failed, sync refused, digest failed.
        { "GL01", Indicators.QuarantinedRows, "1" }, { "GL02", Indicators.QuarantinedRows, "1" }, { All, Indicators.QuarantinedRows, "2" },
        { "GL01", Indicators.FailedRuns, "1" }, { "GL02", Indicators.FailedRuns, "1" }, { All, Indicators.FailedRuns, "3" },
    };

    [Theory]
    [MemberData(nameof(October))]
    public void October_figures_match_the_hand_computed_ones(string community, string indicator, string? expected)
    {
        var figure = fixture.October.Get(community, indicator);

        Assert.Equal(expected is null ? null : decimal.Parse(expected, CultureInfo.InvariantCulture), figure.Value);
    }

    [Fact]
    public void Every_indicator_of_the_catalog_has_a_value_or_a_reason_to_be_empty_in_every_column()
    {
        var missing = fixture.October.Columns
            .SelectMany(c => Indicators.All.Select(i => (c.Code, i.Key)))
            .Where(k => fixture.October.Get(k.Code, k.Key).Value is null)
            .ToList();

        Assert.Empty(missing);
        Assert.Equal(["GL01", "GL02", "*"], fixture.October.Columns.Select(c => c.Code));
    }

    [Fact]
    public void Changes_are_against_the_month_before_and_the_same_month_last_year()
    {
        var report = fixture.October;

        // September: Ann, Bo (still in GL01) and Di held cards in GL01; Fu's was withdrawn; Ann's g2 at 23:59 on 09-30 was a visit.
        Assert.Equal(new Figure(2, 3, 0), report.Get("GL01", Indicators.CardHolders));
        Assert.Equal(-1, report.Get("GL01", Indicators.CardHolders).ChangeFromPreviousMonth);
        Assert.Equal(new Figure(2, 0, 0), report.Get("GL02", Indicators.CardHolders));
        Assert.Equal(new Figure(3, 1, 0), report.Get("GL01", Indicators.Visits));
        Assert.Equal(3, report.Get("GL01", Indicators.Visits).ChangeFromSameMonthLastYear);
        Assert.Equal(new Figure(3, 1, 0), report.Get(All, Indicators.FailedRuns));
        Assert.True(report.PreviousMonthComputed);
        Assert.True(report.SameMonthLastYearComputed);
    }

    [Fact]
    public async Task The_intake_counted_a_resent_batch_and_a_second_report_of_one_attendance_once_and_quarantined_the_unknown_card()
    {
        var october = await fixture.World.CountAsync(
            "SELECT count(*) FROM outreach.activities WHERE occurred_at >= '2026-10-01 00:00+08' AND occurred_at < '2026-11-01 00:00+08'");
        var unknown = await fixture.World.CountAsync(
            "SELECT count(*) FROM outreach.quarantine WHERE reason_code = 'unknown_card' AND community = '' AND raw_masked LIKE '%ZB0000009999%'");
        var attendance = await fixture.World.CountAsync("SELECT count(*) FROM outreach.activities WHERE kind = 'attendance'");

        Assert.Equal(13, october);
        Assert.Equal(1, unknown);
        Assert.Equal(2, attendance);
    }

    [Fact]
    public async Task The_month_records_when_by_which_run_and_from_which_data_it_was_computed()
    {
        var record = fixture.October.Record;
        var run = await fixture.World.CountAsync(
            "SELECT count(*) FROM outreach.job_runs WHERE id = $1 AND job = 'metrics' AND scope = '2026-10' AND status = 'succeeded'", record.RunId);

        Assert.Equal(MetricsWorld.At(11, 10, 10, 0), record.ComputedAt);
        Assert.Equal("Asia/Shanghai", record.TimeZone);
        Assert.Equal(MetricsWorld.At(10, 1, 0, 0), record.PeriodStart);
        Assert.Equal(MetricsWorld.At(11, 1, 0, 0), record.PeriodEnd);
        Assert.Equal(13, record.Sources.GetProperty("activity_records").GetInt64());
        Assert.Equal(1, run);
    }
}
