namespace Outreach.Integrations.Communities.CsvDrop;

/// <summary>The library's "today": dates in file names follow the town's clock (Asia/Shanghai), not the server's.</summary>
internal static class LibraryCalendar
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider timeProvider) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), Shanghai).DateTime);
}
