using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Outreach.Worker.Messages;

namespace Outreach.Dashboard.Messages;

/// <summary>
/// Renders a stored message in the request's language: the catalog's words for its code with its arguments (numbers in
/// the reader's culture, codes and outside text marked as data), or, for a row written before the codes or a code the
/// catalog does not know, the stored text as it is.
/// </summary>
public sealed class StaffMessages(IStringLocalizer<MessageText> text)
{
    public IHtmlContent Render(StoredMessage? message) => message is null ? HtmlString.Empty : new HtmlString(Html(message));

    /// <summary>A message just made (a refusal answered now), rendered as it would be once stored and read back.</summary>
    public IHtmlContent Render(StaffMessage message) => Render(StoredMessage.Of(message));

    /// <summary>The message's HTML, for a page that puts it inside words of its own.</summary>
    public string Html(StoredMessage message)
    {
        var words = message.Code is null ? null : text[message.Code];
        if (words is null || words.ResourceNotFound)
        {
            return MessageHtml.Data(message.Text);
        }

        return MessageHtml.Fill(words.Value, message.Args.Select(Arg));
    }

    private object? Arg(object? argument) => argument switch
    {
        StoredMessage nested => Html(nested),
        IReadOnlyList<object?> list => string.Join(text["List.Separator"].Value, list.Select(item => Arg(item) is { } one ? Format(one) : "")),
        long or decimal => argument,
        null => "",
        _ => MessageHtml.Data(Convert.ToString(argument, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Format(object value) => value is IFormattable formattable ? formattable.ToString(null, CultureInfo.CurrentCulture) : value.ToString() ?? "";
}
