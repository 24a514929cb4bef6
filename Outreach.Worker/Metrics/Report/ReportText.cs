using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Outreach.Worker.Metrics.Report;

/// <summary>
/// Words of the figures table, the printable report, the CSV and the report mail (Resources/Metrics/Report/ReportText.*.resx),
/// in the current UI culture: the staff member's on the dashboard, Outreach:Metrics:ReportLanguage in the mail.
/// </summary>
public sealed class ReportText;

/// <summary>How the report names indicators, groups and columns in the current UI culture.</summary>
public static class ReportWords
{
    private static bool Chinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>The indicator's title in the reader's language (the catalog carries both).</summary>
    public static string TitleOf(Indicator indicator) => Chinese ? indicator.ChineseTitle : indicator.Title;

    /// <summary>The group's words ("Group." + the catalog's English name), or the name itself for a group without words yet.</summary>
    public static string GroupOf(this IStringLocalizer text, string group)
    {
        var found = text["Group." + group];
        return found.ResourceNotFound ? group : found.Value;
    }

    /// <summary>A column's heading: "GL01 古林社区", or all communities in the reader's language.</summary>
    public static string ColumnOf(this IStringLocalizer text, Reading.ReportColumn column) =>
        column.IsAll ? text["AllCommunities"] : $"{column.Code} {column.Name}";

    /// <summary>The column's name alone: the community's, or all communities in the reader's language.</summary>
    public static string NameOf(this IStringLocalizer text, Reading.ReportColumn column) => column.IsAll ? text["AllCommunities"] : column.Name;

    /// <summary>
    /// The standard an indicator follows and its definition, in the reader's language: "ISO 11620 / GB/T 29182 B.3.2.1：文献获取时间中位数".
    /// The reference (the ISO number and clause) reads the same in both; the definition is the report's words for the indicator
    /// (Standard.KEY), the per-line and per-kind indicators the words of the indicator they break down. In English it reads as
    /// the catalog writes it (a test keeps the two in step).
    /// </summary>
    public static string StandardOf(this IStringLocalizer text, Indicator indicator)
    {
        var colon = indicator.Standard.IndexOf(':', StringComparison.Ordinal);
        var reference = (colon < 0 ? indicator.Standard : indicator.Standard[..colon]).Trim();
        var source = reference == HubsOwn ? text["HubsOwn"].Value : reference;
        return DefinitionOf(text, indicator.Key) is { } definition ? text["StandardPattern", source, definition].Value : source;
    }

    private const string HubsOwn = "Hub's own";

    // Null for an indicator defined by its title alone (the hub's own counts such as "Unsubscribes").
    private static string? DefinitionOf(IStringLocalizer text, string key)
    {
        if (key.StartsWith(Indicators.SpendPrefix, StringComparison.Ordinal))
        {
            return Words(text, "spend_line");
        }

        if (key.StartsWith(Indicators.SeatKindPrefix, StringComparison.Ordinal))
        {
            return Words(text, key[(key.LastIndexOf(':') + 1)..]) is { } seat ? seat + text["Standard.ByKindOfEvent"] : null;
        }

        return Words(text, key);
    }

    private static string? Words(IStringLocalizer text, string key) => text["Standard." + key] is { ResourceNotFound: false } found ? found.Value : null;

    /// <summary>The month as the reader writes it: "2026年10月", "October 2026".</summary>
    public static string MonthOf(this IStringLocalizer text, Outreach.Integrations.Time.ReportMonth month) =>
        month.FirstDay.ToString(text["MonthPattern"], CultureInfo.CurrentCulture);

    /// <summary>Runs <paramref name="write"/> with <paramref name="language"/> as the current culture (the mail's, not the job's).</summary>
    public static T In<T>(string language, Func<T> write)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            return write();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
