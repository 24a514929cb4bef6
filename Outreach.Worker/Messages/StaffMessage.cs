using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Outreach.Worker.Messages;

/// <summary>
/// What the hub keeps for staff to read later (a run's message, an order's reason): a <see cref="Code"/> of the message
/// catalog (the dashboard's Resources/Messages) and its <see cref="Args"/>, rendered by the pages in the reader's language.
/// <see cref="English"/> is the same message for the logs, the operator CLI and the row's text column. Arguments are
/// numbers, codes, dates and other messages; never personal data.
/// </summary>
public sealed record StaffMessage(string Code, string English, IReadOnlyList<object?> Args)
{
    /// <summary>
    /// A message whose English is <paramref name="english"/>, formatted invariantly; the catalog's texts for
    /// <paramref name="code"/> take its arguments in the same order ({0}, {1}...).
    /// </summary>
    public static StaffMessage Of(string code, FormattableString english) =>
        new(code, english.ToString(CultureInfo.InvariantCulture), english.GetArguments());

    /// <summary>The arguments as stored (message_args): a JSON array of numbers, strings, messages and lists of messages.</summary>
    public string ArgsJson => new JsonArray(Args.Select(ToNode).ToArray()).ToJsonString();

    public override string ToString() => English;

    private static JsonNode? ToNode(object? argument) => argument switch
    {
        null => null,
        StaffMessage message => new JsonObject { ["code"] = message.Code, ["text"] = message.English, ["args"] = JsonNode.Parse(message.ArgsJson) },
        string text => JsonValue.Create(text),
        int or long or short or byte => JsonValue.Create(Convert.ToInt64(argument, CultureInfo.InvariantCulture)),
        decimal number => JsonValue.Create(number),
        double or float => JsonValue.Create(Convert.ToDouble(argument, CultureInfo.InvariantCulture)),
        IEnumerable list and not string => new JsonArray(list.Cast<object?>().Select(ToNode).ToArray()),
        IFormattable formattable => JsonValue.Create(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(argument.ToString()),
    };
}
