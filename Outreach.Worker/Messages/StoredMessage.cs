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

        var args = argsJson is null ? [] : Parse(JsonDocument.Parse(argsJson).RootElement, TextScrubber.Scrub);
        return new StoredMessage(TextScrubber.Scrub(text ?? ""), code, args);
    }

    /// <summary>
    /// A message just made (a refusal answered to the staff member who sent the request), read as a stored one would be. Not
    /// scrubbed: it was never stored, and its arguments are what that staff member typed (an ISBN of 13 digits among them).
    /// </summary>
    public static StoredMessage Of(StaffMessage message) =>
        new(message.English, message.Code, Parse(JsonDocument.Parse(message.ArgsJson).RootElement, text => text));

    private static List<object?> Parse(JsonElement array, Func<string, string> clean) => array.EnumerateArray().Select(e => Value(e, clean)).ToList();

    private static object? Value(JsonElement element, Func<string, string> clean) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDecimal(),
        JsonValueKind.String => clean(element.GetString()!),
        JsonValueKind.Object => new StoredMessage(
            clean(element.GetProperty("text").GetString() ?? ""),
            element.GetProperty("code").GetString(),
            Parse(element.GetProperty("args"), clean)),
        JsonValueKind.Array => element.EnumerateArray().Select(e => Value(e, clean)).ToList(),
        JsonValueKind.True or JsonValueKind.False => element.GetBoolean().ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
