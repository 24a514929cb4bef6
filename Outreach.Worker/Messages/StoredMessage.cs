using System.Globalization;
using System.Text.Json;
using Outreach.Integrations.PersonalData;

namespace Outreach.Worker.Messages;

/// <summary>
/// A message as a read model hands it to a page: its <see cref="Code"/> and <see cref="Args"/> for the catalog, and its
/// stored <see cref="Text"/> (English), which is all a row written before the codes has and what a page shows when the
/// catalog does not know the code. Arguments are longs, decimals, strings, messages and lists of messages.
/// </summary>
public sealed record StoredMessage(string Text, string? Code, IReadOnlyList<object?> Args)
{
    /// <summary>The message of a row: null when the row has neither text nor code. Text is scrubbed of personal data.</summary>
    public static StoredMessage? From(string? text, string? code, string? argsJson)
    {
        if (text is null && code is null)
        {
            return null;
        }

        var args = argsJson is null ? [] : Parse(JsonDocument.Parse(argsJson).RootElement);
        return new StoredMessage(TextScrubber.Scrub(text ?? ""), code, args);
    }

    private static List<object?> Parse(JsonElement array) => array.EnumerateArray().Select(Value).ToList();

    private static object? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDecimal(),
        JsonValueKind.String => TextScrubber.Scrub(element.GetString()!),
        JsonValueKind.Object => new StoredMessage(
            TextScrubber.Scrub(element.GetProperty("text").GetString() ?? ""),
            element.GetProperty("code").GetString(),
            Parse(element.GetProperty("args"))),
        JsonValueKind.Array => element.EnumerateArray().Select(Value).ToList(),
        JsonValueKind.True or JsonValueKind.False => element.GetBoolean().ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
