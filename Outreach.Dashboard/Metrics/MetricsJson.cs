using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Dashboard.Api;
using Outreach.Worker.Activity;
using Outreach.Worker.Metrics.Reading;

namespace Outreach.Dashboard.Metrics;

/// <summary>
/// The JSON shapes of the figures API and the activity intake API. The shapes' [Description] attributes are their
/// documentation in the OpenAPI document (an XML summary would replace them there).
/// </summary>
internal static class MetricsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static MetricsMonth Month(ComputedMonthRecord record) => new(record.Month.ToString(), record.ComputedAt, record.Computations, record.RunId);

    public static MetricsReport Report(MonthlyReport report) => new(
        report.Month.ToString(), report.Record.TimeZone, report.Record.PeriodStart, report.Record.PeriodEnd, report.Record.ComputedAt,
        report.Record.Computations, report.Record.RunId, report.Record.Sources, report.Month.Previous.ToString(), report.PreviousMonthComputed,
        report.Month.SameMonthLastYear.ToString(), report.SameMonthLastYearComputed,
        report.Indicators.Select(i => new MetricsIndicator(i.Key, i.Title, i.ChineseTitle, i.Unit.ToString().ToLowerInvariant(), i.Group, i.Standard)).ToList(),
        report.Columns.Select(c => new MetricsCommunity(c.IsAll ? "all" : c.Code, c.Name,
            report.Indicators.ToDictionary(i => i.Key, i => Figure(report.Get(c.Code, i.Key))))).ToList());

    private static MetricsFigure Figure(Figure figure) =>
        new(figure.Value, figure.PreviousMonth, figure.ChangeFromPreviousMonth, figure.SameMonthLastYear, figure.ChangeFromSameMonthLastYear);

    public static ApiError Problem(string error, string message) => new(error, message);
}

[Description("已计算的月份。 / The computed months.")]
internal sealed record MetricsMonths([property: Description("已计算的月份，最新的在前。 / The computed months.")] IReadOnlyList<MetricsMonth> Months);

[Description("一个已计算的月份。 / A computed month.")]
internal sealed record MetricsMonth(
    [property: Description("月份 yyyy-MM。 / The month, yyyy-MM.")] string Month,
    [property: Description("计算时间。 / When it was computed.")] DateTimeOffset ComputedAt,
    [property: Description("计算次数（重算会增加）。 / How often it was computed (a recomputation adds one).")] int Computations,
    [property: Description("计算它的运行编号。 / The run that computed it.")] long Run);

[Description("一个月的全部指标：每个社区及合计，含环比和同比。 / A month's figures for every community and all together, with their changes.")]
internal sealed record MetricsReport(
    string Month,
    [property: Description("统计所用时区。 / The time zone of the month's boundaries.")] string TimeZone,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    DateTimeOffset ComputedAt,
    int Computations,
    long Run,
    [property: Description("计算所用的源数据摘要。 / What source data the figures were computed from.")] JsonElement Sources,
    string PreviousMonth,
    bool PreviousMonthComputed,
    string SameMonthLastYear,
    bool SameMonthLastYearComputed,
    [property: Description("指标定义（见 docs/metrics.md）。 / The indicators (defined in docs/metrics.md).")] IReadOnlyList<MetricsIndicator> Indicators,
    [property: Description("各社区及合计（code 为 all）。 / Each community, then all together (code all).")] IReadOnlyList<MetricsCommunity> Communities);

[Description("一项指标。 / An indicator.")]
internal sealed record MetricsIndicator(
    [property: Description("指标键。 / The indicator's key.")] string Key,
    string Title,
    [property: Description("中文名称。 / Its Chinese title.")] string TitleZh,
    [property: Description("单位：count、ratio、percent、yuan 等。 / The unit: count, ratio, percent, yuan...")] string Unit,
    string Group,
    [property: Description("所依据的标准（ISO 2789 / ISO 11620）。 / The standard it follows (ISO 2789 / ISO 11620).")] string Standard);

[Description("一个社区（或合计）的各项指标。 / One community's figures (or all together).")]
internal sealed record MetricsCommunity(
    [property: Description("社区代码；合计为 all。 / The community's code; all for the total.")] string Code,
    string Name,
    [property: Description("指标键 → 数值。 / Indicator key → figure.")] IReadOnlyDictionary<string, MetricsFigure> Figures);

[Description("一个数值及其环比、同比；未计算时为空。 / A figure with the previous month's and last year's; empty when not computed.")]
internal sealed record MetricsFigure(
    decimal? Value, decimal? PreviousMonth, decimal? ChangeFromPreviousMonth, decimal? SameMonthLastYear, decimal? ChangeFromSameMonthLastYear);

[Description("批次的处理结果。 / What the intake made of the batch.")]
internal sealed record ActivityAnswer(
    [property: Description("记录此批次的运行编号。 / The run that recorded the batch.")] long Run,
    [property: Description("收到的记录数。 / Records received.")] long Received,
    [property: Description("新计入的记录数。 / Records counted now.")] long Accepted,
    [property: Description("此前已计入（同一来源同一 id）。 / Already counted before (same source and id).")] long Duplicates,
    [property: Description("本次隔离的记录数。 / Records quarantined now.")] long Quarantined,
    [property: Description("此前已隔离又被发送的记录数。 / Records quarantined before and sent again.")] long AlreadyQuarantined,
    [property: Description("被隔离的记录（最多 100 条）及原因。 / The refused records (up to 100) and why.")] IReadOnlyList<ActivityRejectView> Rejects)
{
    public static ActivityAnswer From(IntakeOutcome outcome) => new(outcome.RunId, outcome.Received, outcome.Accepted, outcome.Duplicates,
        outcome.Quarantined, outcome.AlreadyQuarantined, outcome.Rejects.Select(r => new ActivityRejectView(r.Row, r.Id, r.Reason, r.Message)).ToList());
}

[Description("一条被隔离的记录。 / A refused record.")]
internal sealed record ActivityRejectView(
    [property: Description("在批次中的位置（从 1 起）。 / Its place in the batch, from 1.")] long Row,
    [property: Description("发送方的记录 id。 / The sender's id of the record.")] string? Id,
    [property: Description("原因代码。 / The reason's code.")] string Reason,
    [property: Description("说明（英文）。 / The reason in words (English).")] string Message);

[Description("一批活动记录。 / A batch of activity records.")]
internal sealed class ActivityBatchRequest
{
    [Description("发送方给批次起的名称（显示在运行页面）。 / Your own name for the batch (shown on the runs page).")]
    public string? Batch { get; set; }

    [Required, MinLength(1), Description("记录，每批最多 Outreach:Activity:MaxBatchRecords 条。 / The records; at most Outreach:Activity:MaxBatchRecords per batch.")]
    public List<ActivityRecordRequest>? Records { get; set; }
}

[Description("一条活动记录。 / One activity record.")]
internal sealed class ActivityRecordRequest
{
    [JsonConverter(typeof(TextOrNumberConverter))]
    [Required, Description("发送方的记录 id（字符串或数字）；同一来源重复发送只计一次。 / Your id of the record (a string or a number); sent again, it counts once.")]
    public string? Id { get; set; }

    [Required, Description("读者证号。 / The reader's card number.")]
    public string? Card { get; set; }

    [Required, Description("类型；也接受到馆、借阅、电子资源、签到等名称。 / The kind; names such as gate, 到馆, 借阅, 签到 are read too.")]
    public string? Kind { get; set; }

    [Required, Description("发生时间，ISO 8601；无时区时按图书馆时间。 / When, ISO 8601; without an offset it is library time.")]
    public string? At { get; set; }

    [Description("签到（attendance）时：本系统的活动编号。 / For attendance: the hub's event id.")]
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
