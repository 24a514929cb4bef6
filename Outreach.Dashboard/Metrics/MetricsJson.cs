using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Worker.Activity;
using Outreach.Worker.Metrics.Reading;

namespace Outreach.Dashboard.Metrics;

/// <summary>The JSON shapes of the figures API and the activity intake API.</summary>
internal static class MetricsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static object Month(ComputedMonthRecord record) => new
    {
        month = record.Month.ToString(),
        computedAt = record.ComputedAt,
        computations = record.Computations,
        run = record.RunId,
    };

    public static object Report(MonthlyReport report) => new
    {
        month = report.Month.ToString(),
        timeZone = report.Record.TimeZone,
        periodStart = report.Record.PeriodStart,
        periodEnd = report.Record.PeriodEnd,
        computedAt = report.Record.ComputedAt,
        computations = report.Record.Computations,
        run = report.Record.RunId,
        sources = report.Record.Sources,
        previousMonth = report.Month.Previous.ToString(),
        previousMonthComputed = report.PreviousMonthComputed,
        sameMonthLastYear = report.Month.SameMonthLastYear.ToString(),
        sameMonthLastYearComputed = report.SameMonthLastYearComputed,
        indicators = report.Indicators.Select(i => new
        {
            key = i.Key, title = i.Title, titleZh = i.ChineseTitle, unit = i.Unit.ToString().ToLowerInvariant(), group = i.Group, standard = i.Standard,
        }),
        communities = report.Columns.Select(c => new
        {
            code = c.IsAll ? "all" : c.Code,
            name = c.Name,
            figures = report.Indicators.ToDictionary(i => i.Key, i => Figure(report.Get(c.Code, i.Key))),
        }),
    };

    private static object Figure(Figure figure) => new
    {
        value = figure.Value,
        previousMonth = figure.PreviousMonth,
        changeFromPreviousMonth = figure.ChangeFromPreviousMonth,
        sameMonthLastYear = figure.SameMonthLastYear,
        changeFromSameMonthLastYear = figure.ChangeFromSameMonthLastYear,
    };

    public static object Problem(string error, string message) => new { error, message };
}

/// <summary>A batch of activity records as the library's systems post it to /api/activity.</summary>
internal sealed class ActivityBatchRequest
{
    /// <summary>The sender's own name for the batch (shown on the runs page); optional.</summary>
    public string? Batch { get; set; }

    public List<ActivityRecordRequest>? Records { get; set; }
}

/// <summary>One record: the sender's id (a string or a number), card number, kind, time and, for attendance, the hub's event id.</summary>
internal sealed class ActivityRecordRequest
{
    [JsonConverter(typeof(TextOrNumberConverter))]
    public string? Id { get; set; }

    public string? Card { get; set; }

    public string? Kind { get; set; }

    public string? At { get; set; }

    public long? Event { get; set; }

    public ActivityRecord ToRecord() => new(Id, Card, Kind, At, Event);
}

/// <summary>Reads an id the sender may write as "G-1001" or 1001.</summary>
internal sealed class TextOrNumberConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.Null => null,
        _ => throw new JsonException("An id is a string or a number."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
