using System.Globalization;
using System.Text.Encodings.Web;

namespace Outreach.Dashboard.Messages;

/// <summary>
/// The HTML of a message made of a resource's words and its arguments: the words encoded with their {0}, {1}... kept,
/// filled with arguments already HTML (or numbers, formatted in the reader's culture); data marked as data, so that the
/// pages' language checks read past it.
/// </summary>
public static class MessageHtml
{
    public static string Fill(string words, IEnumerable<object?> arguments)
    {
        var template = HtmlEncoder.Default.Encode(words).Replace("&#x7B;", "{", StringComparison.Ordinal).Replace("&#x7D;", "}", StringComparison.Ordinal);
        return string.Format(CultureInfo.CurrentCulture, template, arguments.ToArray());
    }

    public static string Data(string value) => $"<span data-data>{HtmlEncoder.Default.Encode(value)}</span>";
}
