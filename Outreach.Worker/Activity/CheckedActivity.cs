using System.Globalization;
using System.Text.RegularExpressions;
using Outreach.Integrations.Time;

namespace Outreach.Worker.Activity;

/// <summary>A record after the checks that need no database: normalized, or refused with a reason code and text.</summary>
public sealed partial record CheckedActivity(long Row, string? Id, string? Card, string? Kind, DateTimeOffset? OccurredAt, long? EventId, string Raw,
    string? ReasonCode, string? ReasonText)
{
    public const int MaxIdLength = 128;
    public const int MaxCardLength = 64;

    /// <summary>Checks one record; <paramref name="now"/> and <paramref name="futureTolerance"/> bound how far ahead a clock may run.</summary>
    public static CheckedActivity Check(long row, ActivityRecord record, TimeZoneInfo zone, DateTimeOffset now, TimeSpan futureTolerance)
    {
        var id = record.Id?.Trim();
        var card = record.Card?.Trim().ToUpperInvariant();
        var kind = ActivityKinds.Parse(record.Kind);
        var at = ParseTime(record.At, zone);
        var raw = Describe(record);
        (string Code, string Text)? problem =
            string.IsNullOrEmpty(id) ? ("missing_id", "The record has no id: the sending system's own id is what makes a resent record count once.")
            : id.Length > MaxIdLength ? ("invalid_id", $"The id is longer than {MaxIdLength} characters.")
            : string.IsNullOrEmpty(card) ? ("missing_card", "The record names no card number.")
            : card.Length > MaxCardLength ? ("invalid_card", $"The card number is longer than {MaxCardLength} characters.")
            : kind is null ? ("invalid_kind", $"The kind '{record.Kind}' is none of {string.Join(", ", ActivityKinds.All)}.")
            : at is null ? ("invalid_time", $"The time '{record.At}' is not a date and time such as 2026-10-31T23:59:00+08:00.")
            : at.Value > now + futureTolerance ? ("future_time", $"The time {record.At} lies in the future; check the sending system's clock.")
            : at.Value.Year < 2000 ? ("invalid_time", $"The time {record.At} is before 2000.")
            : null;
        return problem is { } p
            ? new CheckedActivity(row, Truncate(id, MaxIdLength), Truncate(card, MaxCardLength), kind, at, record.Event, raw, p.Code, p.Text)
            : new CheckedActivity(row, id, card, kind, at, kind == ActivityKinds.Attendance ? record.Event : null, raw, null, null);
    }

    /// <summary>
    /// An ISO 8601 time (also with a space for the T, or slashes in the date, as spreadsheets write it). With Z or an
    /// offset it is that instant; without, it is a wall-clock time of the library's time zone.
    /// </summary>
    public static DateTimeOffset? ParseTime(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim().Replace('/', '-');
        if (!value.Contains(':', StringComparison.Ordinal))
        {
            // A date alone says nothing about which side of midnight the activity was.
            return null;
        }

        if (OffsetPattern().IsMatch(value))
        {
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? instant.ToUniversalTime() : null;
        }

        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        return LibraryCalendar.At(local, zone).ToUniversalTime();
    }

    // The record as staff see it in the quarantine: no personal data (a card number only, which the registry did not know).
    private static string Describe(ActivityRecord record) =>
        $"id {Truncate(record.Id, MaxIdLength) ?? "?"} · card {Truncate(record.Card, MaxCardLength) ?? "?"} · {Truncate(record.Kind, 32) ?? "?"} · {Truncate(record.At, 40) ?? "?"}"
        + (record.Event is { } e ? $" · event {e}" : "");

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    [GeneratedRegex(@"\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetPattern();
}
