using System.Globalization;

namespace Outreach.Integrations.Communities;

/// <summary>Reads the typed values of roster fields as the community systems write them.</summary>
internal static class RosterValues
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ssK",
    ];

    /// <summary>true/false, 是/否, 1/0, yes/no; trimmed, any case.</summary>
    public static bool TryParseBoolean(string? value, out bool result)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "true" or "是" or "1" or "yes":
                result = true;
                return true;
            case "false" or "否" or "0" or "no":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }

    public static bool TryParseStatus(string? value, out ResidentStatus status)
    {
        (var known, status) = value?.Trim().ToLowerInvariant() switch
        {
            "active" => (true, ResidentStatus.Active),
            "moved_out" => (true, ResidentStatus.MovedOut),
            "withdrawn" => (true, ResidentStatus.Withdrawn),
            "deceased" => (true, ResidentStatus.Deceased),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>yyyy-MM-dd, a real calendar date.</summary>
    public static bool TryParseDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>ISO 8601 with an offset (or Z): a time without one is ambiguous across the town's systems.</summary>
    public static bool TryParseTimestamp(string value, out DateTimeOffset timestamp)
    {
        var trimmed = value.Trim();
        timestamp = default;
        return HasOffset(trimmed)
            && DateTimeOffset.TryParseExact(trimmed, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out timestamp);
    }

    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');
}
