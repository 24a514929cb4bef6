using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Outreach.Worker.Privacy;

/// <summary>
/// The file a resident is given when they ask what the hub holds about them (PIPL art. 45): one JSON document, UTF-8,
/// every section with why it is held and for how long, readable by people and by programs.
/// </summary>
public static class AccessFile
{
    public const string ContentType = "application/json; charset=utf-8";

    public const string Explanation =
        "本文件列出古林镇社区阅读服务平台（浙江工商职业技术学院图书馆）保存的关于您的全部个人信息，以及保存的原因和期限。" +
        "如需更正，请联系您所在的社区；如需删除，请向图书馆提出，图书馆将删除个人信息并出具回执。";

    public static string FileName(long readerId, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"reader-{readerId}-{at:yyyyMMdd}.json");

    public static byte[] Write(long readerId, DateTimeOffset generatedAt, IReadOnlyList<RecordSection> sections)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("说明", Explanation);
            json.WriteString("生成时间", generatedAt);
            json.WriteNumber("读者编号", readerId);
            json.WriteStartArray("内容");
            foreach (var section in sections)
            {
                json.WriteStartObject();
                json.WriteString("类别", section.Title);
                json.WriteString("key", section.Key);
                json.WriteString("用途", section.Purpose);
                json.WriteString("保存期限", section.Retention);
                json.WriteStartArray("记录");
                foreach (var row in section.Rows)
                {
                    json.WriteStartObject();
                    foreach (var (name, value) in row)
                    {
                        json.WritePropertyName(name);
                        WriteValue(json, value);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text when text.StartsWith('[') || text.StartsWith('{'):
                // json_agg columns arrive as JSON text: nested as they are.
                try
                {
                    using var nested = JsonDocument.Parse(text);
                    nested.WriteTo(json);
                }
                catch (JsonException)
                {
                    json.WriteStringValue(text);
                }

                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case long or int or short or decimal or double:
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case DateTime { Kind: DateTimeKind.Utc } instant:
                json.WriteStringValue(new DateTimeOffset(instant));
                break;
            case DateTime day when day.TimeOfDay == TimeSpan.Zero:
                json.WriteStringValue(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateTime local:
                json.WriteStringValue(local.ToString("s", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset instant:
                json.WriteStringValue(instant);
                break;
            case DateOnly day:
                json.WriteStringValue(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case string[] list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
