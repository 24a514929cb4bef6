using System.Text;
using Outreach.Integrations.Time;
using Outreach.Worker.Activity;
using Outreach.Worker.Activity.Csv;
using Outreach.Worker.Metrics;
using Outreach.Worker.Metrics.Report;

namespace Outreach.Worker.Tests.Metrics;

public sealed class MetricsUnitTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void A_month_runs_from_local_midnight_of_its_first_day_to_local_midnight_of_the_next_month()
    {
        var period = new ReportMonth(2026, 10).In(Shanghai);

        Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), period.End);
        Assert.Equal(new ReportMonth(2026, 10), ReportMonth.Of(new DateTimeOffset(2026, 10, 31, 15, 59, 0, TimeSpan.Zero), Shanghai));
        Assert.Equal(new ReportMonth(2026, 11), ReportMonth.Of(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), Shanghai));
        Assert.Equal(new ReportMonth(2025, 10), new ReportMonth(2026, 10).SameMonthLastYear);
        Assert.Equal(new ReportMonth(2025, 12), new ReportMonth(2026, 1).Previous);
    }

    [Theory]
    [InlineData("2026-10-31T23:59:00+08:00", "2026-10-31T15:59:00Z")]
    [InlineData("2026-10-31 23:59", "2026-10-31T15:59:00Z")]
    [InlineData("2026/11/01 00:00:00", "2026-10-31T16:00:00Z")]
    [InlineData("2026-10-31T16:00:00Z", "2026-10-31T16:00:00Z")]
    [InlineData("2026-10-31T23:59:00+0800", "2026-10-31T15:59:00Z")]
    public void Times_with_an_offset_are_instants_and_times_without_are_library_time(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CheckedActivity.ParseTime(text, Shanghai));
    }

    [Theory]
    [InlineData("2026-10-31")]
    [InlineData("31/10/2026 x")]
    [InlineData("")]
    public void A_date_without_a_time_or_garbage_is_no_time(string text) => Assert.Null(CheckedActivity.ParseTime(text, Shanghai));

    [Theory]
    [InlineData(1234.0, 1000.0, IndicatorUnit.Count, "+234 (+23.4%)")]
    [InlineData(2.0, 3.0, IndicatorUnit.Count, "−1 (−33.3%)")]
    [InlineData(3.0, 0.0, IndicatorUnit.Count, "+3")]
    [InlineData(0.125, 0.1, IndicatorUnit.Share, "+2.5 pp")]
    [InlineData(3.5, 5.0, IndicatorUnit.Days, "−1.5 d")]
    public void Changes_read_in_the_unit_of_the_indicator(double value, double other, IndicatorUnit unit, string expected) =>
        Assert.Equal(expected, FigureFormat.Change((decimal)value, (decimal)other, unit));

    [Fact]
    public void Units_and_changes_read_in_the_report_language()
    {
        var chinese = ReportWords.In("zh-Hans", () => (FigureFormat.Change(3.5m, 5m, IndicatorUnit.Days, ReportCsvFixture.Words),
            FigureFormat.Change(0.125m, 0.1m, IndicatorUnit.Share, ReportCsvFixture.Words), ReportWords.TitleOf(Indicators.Find(Indicators.Visits)!),
            ReportCsvFixture.Words.GroupOf("Book orders")));
        var english = ReportWords.In("en", () => (FigureFormat.Change(3.5m, 5m, IndicatorUnit.Days, ReportCsvFixture.Words),
            ReportWords.TitleOf(Indicators.Find(Indicators.Visits)!), ReportCsvFixture.Words.GroupOf("Book orders")));

        Assert.Equal(("−1.5 天", "+2.5 个百分点", "到馆人次", "荐购"), chinese);
        Assert.Equal(("−1.5 d", "Visits", "Book orders"), english);
    }

    [Fact]
    public void Every_indicator_group_has_words_in_both_languages()
    {
        foreach (var group in Indicators.All.Select(i => i.Group).Distinct())
        {
            Assert.False(ReportWords.In("zh-Hans", () => ReportCsvFixture.Words["Group." + group].ResourceNotFound), $"'{group}' has no Chinese words.");
            Assert.False(ReportWords.In("en", () => ReportCsvFixture.Words["Group." + group].ResourceNotFound), $"'{group}' has no English words.");
        }
    }

    [Fact]
    public void A_missing_comparison_shows_a_dash_not_zero() => Assert.Equal(FigureFormat.Missing, FigureFormat.Change(5, null, IndicatorUnit.Count));

    [Fact]
    public void Trend_charts_are_svg_without_style_attributes_or_scripts_with_gaps_for_months_not_computed()
    {
        var indicator = Indicators.Find(Indicators.Visits)!;
        var column = new Outreach.Worker.Metrics.Reading.ReportColumn("GL01", "<古林>");
        var months = new ReportMonth(2026, 10).Trailing(12);
        var series = new Outreach.Worker.Metrics.Reading.TrendSeries(indicator, column,
            months.Select((m, i) => (m, i == 5 ? (decimal?)null : 100 + i)).ToList());

        var svg = ReportWords.In("en", () => TrendChart.Svg(series, ReportCsvFixture.Words));

        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("style", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<古林>", svg, StringComparison.Ordinal);
        Assert.Equal(2, svg.Split("<polyline").Length - 1);
        Assert.Equal(11, svg.Split("<circle").Length - 1);
        Assert.Contains(">2025<", svg, StringComparison.Ordinal);
        Assert.Contains(">2026<", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(7, 10)]
    [InlineData(1234, 2000)]
    [InlineData(0.45, 0.5)]
    [InlineData(5000, 5000)]
    public void Chart_scales_end_at_1_2_or_5_times_a_power_of_ten(double value, double expected) =>
        Assert.Equal((decimal)expected, TrendChart.NiceCeiling((decimal)value));

    [Fact]
    public void Api_keys_match_by_value_and_name_their_holder()
    {
        var keys = new Dictionary<string, string> { ["gate"] = "gate-key-0123456789-abcdefghij", ["ils"] = "ils-key-0123456789-abcdefghijk" };

        Assert.Equal("ils", ApiKeyRing.Match(keys, "ils-key-0123456789-abcdefghijk"));
        Assert.Null(ApiKeyRing.Match(keys, "ils-key"));
        Assert.Null(ApiKeyRing.Match(keys, ""));
        Assert.Contains(ApiKeyRing.Problems("Outreach:Activity", new Dictionary<string, string> { ["bad name"] = "short" }),
            p => p.StartsWith("Outreach:Activity:ApiKeys:bad name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gate_20261031.csv", "gate")]
    [InlineData("ILS_2026-10.csv", "ils")]
    [InlineData("visits.csv", null)]
    [InlineData("_x.csv", null)]
    public void A_dropped_file_names_its_source_before_the_first_underscore(string file, string? source) =>
        Assert.Equal(source, ActivityDropImport.SourceOf(file));

    [Fact]
    public void Kinds_are_read_in_english_and_chinese()
    {
        string[] names = ["Visit", "借阅", "电子资源", "签到", "browse"];

        Assert.Equal(["visit", "loan", "eresource", "attendance", null], names.Select(ActivityKinds.Parse));
    }

    [Fact]
    public void Csv_lines_keep_commas_quotes_and_never_start_a_formula()
    {
        var csv = Encoding.UTF8.GetString(ReportCsvFixture.Write());

        Assert.StartsWith("\uFEFFmonth,community", csv, StringComparison.Ordinal);
        Assert.Contains("\"Gulin, \"\"East\"\"\"", csv, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains(",-1,", csv, StringComparison.Ordinal);
    }

    public static TheoryData<string> EveryIndicator => new(Indicators.All.Select(i => i.Key).Append(Indicators.SpendKey("SOC-2026"))
        .Concat(Indicators.SeatByKind.Select(seat => Indicators.SeatKindKey("lecture", seat))));

    [Theory]
    [MemberData(nameof(EveryIndicator))]
    public void An_indicators_standard_reads_as_the_catalog_writes_it_in_english_and_has_a_chinese_definition(string key)
    {
        var indicator = Indicators.Find(key)!;

        var english = ReportWords.In("en", () => ReportCsvFixture.Words.StandardOf(indicator));
        var chinese = ReportWords.In("zh-Hans", () => ReportCsvFixture.Words.StandardOf(indicator));

        Assert.Equal(indicator.Standard, english);
        var reference = indicator.Standard.Split(':')[0].Trim();
        if (reference == "Hub's own")
        {
            Assert.StartsWith("本系统指标", chinese, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith(reference + "：", chinese, StringComparison.Ordinal);
        }

        // A definition in English has one in Chinese, in Chinese words.
        Assert.Equal(indicator.Standard.Contains(':', StringComparison.Ordinal), chinese.Contains('：', StringComparison.Ordinal));
        Assert.DoesNotMatch("[A-Za-z]{3,}", chinese.Replace(reference, "", StringComparison.Ordinal));
    }
}

/// <summary>A report built in memory: a community name with a comma and quotes, another that looks like a formula.</summary>
internal static class ReportCsvFixture
{
    public static byte[] Write()
    {
        var month = new ReportMonth(2026, 10);
        var record = new Outreach.Worker.Metrics.Reading.ComputedMonthRecord(month, "Asia/Shanghai", default, default, default, 1, 1, "f",
            System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>("{}"));
        var columns = new List<Outreach.Worker.Metrics.Reading.ReportColumn>
        {
            new("GL01", "Gulin, \"East\""), new("GL09", "=HYPERLINK(\"http://x\")"), new("*", "All"),
        };
        var values = new Dictionary<(ReportMonth, string, string), decimal?>
        {
            [(month, "GL01", Indicators.Visits)] = 5, [(month.Previous, "GL01", Indicators.Visits)] = 6,
        };
        var report = new Outreach.Worker.Metrics.Reading.MonthlyReport(record, true, false, columns, [Indicators.Find(Indicators.Visits)!], values);
        return ReportWords.In("en", () => ReportCsv.Write(report, Words));
    }

    /// <summary>The report's words as the hosts read them (Resources/Metrics/Report), in the current UI culture.</summary>
    public static Microsoft.Extensions.Localization.IStringLocalizer Words { get; } =
        new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
                Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions { ResourcesPath = "Resources" }),
                Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
            .Create(typeof(ReportText));
}
