using System.Globalization;

namespace Outreach.Integrations.Time;

/// <summary>The instants a month starts and ends at in the library's time zone (end exclusive), as PostgreSQL wants them (UTC).</summary>
public sealed record MonthPeriod(DateTimeOffset Start, DateTimeOffset End);

/// <summary>A calendar month the figures are computed for, written yyyy-MM.</summary>
public readonly record struct ReportMonth(int Year, int Month) : IComparable<ReportMonth>
{
    public const string Format = "yyyy-MM";

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public ReportMonth Previous => AddMonths(-1);

    public ReportMonth SameMonthLastYear => AddMonths(-12);

    public static ReportMonth Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>The month an instant falls in, on the wall clock of <paramref name="zone"/>.</summary>
    public static ReportMonth Of(DateTimeOffset instant, TimeZoneInfo zone) => Of(LibraryCalendar.DateOf(instant, zone));

    public static bool TryParse(string? text, out ReportMonth month)
    {
        month = default;
        if (text is null || !DateOnly.TryParseExact(text.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        month = Of(day);
        return true;
    }

    public ReportMonth AddMonths(int months) => Of(FirstDay.AddMonths(months));

    /// <summary>Local midnight of the first day to local midnight of the next month's first day.</summary>
    public MonthPeriod In(TimeZoneInfo zone) =>
        new(LibraryCalendar.StartOf(FirstDay, zone).ToUniversalTime(), LibraryCalendar.StartOf(FirstDay.AddMonths(1), zone).ToUniversalTime());

    /// <summary>The months from <paramref name="count"/>-1 months before this one up to this one, oldest first.</summary>
    public IReadOnlyList<ReportMonth> Trailing(int count)
    {
        var start = AddMonths(1 - count);
        return Enumerable.Range(0, count).Select(start.AddMonths).ToList();
    }

    public int CompareTo(ReportMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(ReportMonth left, ReportMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(ReportMonth left, ReportMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(ReportMonth left, ReportMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ReportMonth left, ReportMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => FirstDay.ToString(Format, CultureInfo.InvariantCulture);
}
