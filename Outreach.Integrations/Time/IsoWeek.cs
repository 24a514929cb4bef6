using System.Globalization;

namespace Outreach.Integrations.Time;

/// <summary>An ISO 8601 week, written 2026-W48 (the key of a community's weekly digest).</summary>
public readonly record struct IsoWeek(int Year, int Week)
{
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public static IsoWeek Of(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (text is null || text.Length is < 7 or > 8 || text[4] != '-' || char.ToUpperInvariant(text[5]) != 'W'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 2000 or > 2100 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-W{Week:00}");
}
