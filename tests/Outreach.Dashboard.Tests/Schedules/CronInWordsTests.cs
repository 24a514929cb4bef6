using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Schedules;

namespace Outreach.Dashboard.Tests.Schedules;

public sealed class CronInWordsTests
{
    [Theory]
    [InlineData("0 30 1 * * ?", "town", "每天 01:30，节假日除外")]
    [InlineData("0 0 9 ? * FRI", null, "每周五 09:00")]
    [InlineData("0 0 3 1 * ?", null, "每月 1 日 03:00")]
    [InlineData("0 15 * * * ?", null, "每小时第 15 分")]
    [InlineData("0 */10 8-20 * * ?", null, "每 10 分钟（08:00–20:59）")]
    [InlineData("0 5/10 * * * ?", null, "每小时第 5 分起每 10 分钟")]
    [InlineData("0 0 9 ? * MON-FRI", null, "每周一至周五 09:00")]
    public void Schedules_read_in_Chinese(string cron, string? calendar, string words) =>
        Assert.Equal(words, In("zh-Hans", () => Describer().Describe(cron, calendar)));

    [Theory]
    [InlineData("0 30 1 * * ?", "town", "every day at 01:30, except holidays")]
    [InlineData("0 0 9 ? * FRI", null, "every Friday at 09:00")]
    [InlineData("0 */10 8-20 * * ?", null, "every 10 minutes (08:00–20:59)")]
    public void Schedules_read_in_English(string cron, string? calendar, string words) =>
        Assert.Equal(words, In("en", () => Describer().Describe(cron, calendar)));

    [Theory]
    [InlineData("0 0 12 ? * 2#1")]
    [InlineData("30 0 12 * * ?")]
    [InlineData("0 0 12 * JAN ?")]
    [InlineData("not a cron")]
    public void A_cron_of_another_shape_has_no_words_and_shows_alone(string cron) =>
        Assert.Null(In("zh-Hans", () => Describer().Describe(cron, null)));

    private static CronInWords Describer() =>
        new(new StringLocalizer<ScheduleText>(new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)));

    private static T In<T>(string culture, Func<T> read)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }
}
