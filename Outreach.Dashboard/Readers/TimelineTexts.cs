using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Outreach.Dashboard.Localization;
using Outreach.Dashboard.Messages;
using Outreach.Worker.Desk;
using Outreach.Worker.Messages;

namespace Outreach.Dashboard.Readers;

/// <summary>
/// Says a reader desk's timeline item in the request's language: the words of its sentence ("Timeline.&lt;code&gt;" in the
/// reader resources) with its arguments: data marked as data, states in the words of their group, numbers in the reader's
/// culture. A sentence or a state without words shows its code as it is, not as data, so the pages' language checks find it.
/// </summary>
public sealed class TimelineTexts(IStringLocalizer<ReadersText> text, StaffMessages messages)
{
    public IHtmlContent Render(TimelineText item) => new HtmlString(Html(item));

    /// <summary>What an outside system said, after the item's words, as data; nothing when it said nothing.</summary>
    public IHtmlContent Said(string? said) =>
        said is null ? HtmlString.Empty : new HtmlString(HtmlEncoder.Default.Encode(text["Timeline.Said"].Value) + MessageHtml.Data(said));

    private string Html(TimelineText item)
    {
        var words = text["Timeline." + item.Code];
        return words.ResourceNotFound ? HtmlEncoder.Default.Encode(words.Name) : MessageHtml.Fill(words.Value, item.Args.Select(Arg));
    }

    private object? Arg(object? argument) => argument switch
    {
        null => "",
        TimelineText sentence => Html(sentence),
        TimelineWord word => HtmlEncoder.Default.Encode(text.Label(word.Group + ".", word.Code)),
        StoredMessage message => messages.Html(message),
        string data => MessageHtml.Data(data),
        IEnumerable<string> list => string.Join(HtmlEncoder.Default.Encode(text["Timeline.ListSeparator"].Value), list.Select(MessageHtml.Data)),
        int or long => argument,
        _ => throw new ArgumentOutOfRangeException(nameof(argument), argument.GetType().Name, "A timeline item's argument is data, a word, a sentence, a stored message, a list or a number."),
    };
}
