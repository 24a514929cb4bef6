namespace Outreach.Worker.Communities;

/// <summary>
/// A shape check of Quartz cron expressions, enough to catch a five-field Unix cron, a missing '?' or an empty value at start-up;
/// Quartz itself, in the worker, parses the expression fully when it schedules it.
/// </summary>
internal static class QuartzCron
{
    public static bool LooksValid(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
            return false;

        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields.Length is 6 or 7
            && fields.All(field => field.All(c => char.IsAsciiLetterOrDigit(c) || "*?,-/#".Contains(c, StringComparison.Ordinal)))
            // Quartz wants '?' in exactly one of day-of-month and day-of-week.
            && (fields[3] == "?") != (fields[5] == "?");
    }
}
