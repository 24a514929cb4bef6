using System.Globalization;

namespace Outreach.Sandbox.Hosting;

/// <summary>The town's local time. China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.</summary>
internal static class ShanghaiTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Now(TimeProvider time) => time.GetUtcNow().ToOffset(Offset);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Now(time).DateTime);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>ISO 8601 with offset, to the second, as the community systems write updated_at.</summary>
    public static string Iso(DateTimeOffset instant) =>
        ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
