using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Digests.Links;

namespace Outreach.Worker.Digests.Content;

/// <summary>A digest's two bodies, with the reader's links still as placeholders (filled in per reader, cheaply).</summary>
public sealed record RenderedDigest(string Html, string Text);

/// <summary>Renders a digest's HTML and plain-text bodies from the templates; values are HTML-encoded in the HTML body.</summary>
public sealed class DigestTemplate
{
    public const string UnsubscribeUrl = "{{unsubscribe_url}}";
    public const string PreferencesUrl = "{{preferences_url}}";

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private readonly string _digestHtml;
    private readonly string _eventHtml;
    private readonly string _digestText;
    private readonly string _eventText;
    private readonly string _library;
    private readonly LibraryCalendar _calendar;

    public DigestTemplate(IOptions<DigestOptions> options, LibraryCalendar calendar)
    {
        var folder = options.Value.TemplateFolder;
        _digestHtml = Load(folder, "digest.html", DigestTemplates.DigestHtml);
        _eventHtml = Load(folder, "event.html", DigestTemplates.EventHtml);
        _digestText = Load(folder, "digest.txt", DigestTemplates.DigestText);
        _eventText = Load(folder, "event.txt", DigestTemplates.EventText);
        _library = options.Value.LibraryName;
        _calendar = calendar;
    }

    public string Subject(string communityName, IsoWeek week) =>
        string.Create(CultureInfo.InvariantCulture, $"{_library}活动周报 · {communityName} · {week.Year}年第{week.Week}周");

    /// <summary>Both bodies for the events a reader receives.</summary>
    public RenderedDigest Render(DigestContent digest, IReadOnlyList<DigestEvent> events)
    {
        var period = $"{Day(digest.WindowStart)} – {Day(digest.WindowEnd.AddMinutes(-1))}";
        var html = new StringBuilder();
        var text = new StringBuilder();
        foreach (var e in events)
        {
            var values = EventValues(e);
            html.Append(Fill(_eventHtml, values, encode: true));
            text.Append(Fill(_eventText, values, encode: false));
        }

        var shared = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["library"] = _library,
            ["community"] = digest.CommunityName,
            ["period"] = period,
            ["subject"] = digest.Subject,
        };
        var htmlBody = Fill(_digestHtml, shared, encode: true).Replace("{{events}}", html.ToString(), StringComparison.Ordinal);
        var textBody = Fill(_digestText, shared, encode: false).Replace("{{events}}", text.ToString(), StringComparison.Ordinal);
        return new RenderedDigest(htmlBody, textBody);
    }

    /// <summary>"11月28日 周六 14:00–16:00" in the library's time zone.</summary>
    public string When(DateTimeOffset start, DateTimeOffset end)
    {
        var (s, e) = (_calendar.Local(start), _calendar.Local(end));
        var day = s.ToString("M月d日 dddd HH:mm", Chinese);
        return s.Date == e.Date ? $"{day}–{e:HH:mm}" : $"{day} – {e.ToString("M月d日 HH:mm", Chinese)}";
    }

    private string Day(DateTimeOffset instant) => _calendar.Local(instant).ToString("yyyy年M月d日", Chinese);

    private Dictionary<string, string> EventValues(DigestEvent e) => new(StringComparer.Ordinal)
    {
        ["kind"] = EventKinds.Label(e.Kind),
        ["title"] = e.Title,
        ["when"] = When(e.StartsAt, e.EndsAt),
        ["venue"] = string.IsNullOrWhiteSpace(e.Venue) ? "待定" : e.Venue,
        ["summary"] = e.Summary,
        ["capacity_html"] = e.Capacity is { } c ? $"<br>👥 限{c}人" : "",
        ["capacity_text"] = e.Capacity is { } t ? $"\n名额：{t}人" : "",
        ["registration_html"] = RegistrationUrl(e) is { } url
            ? $"<p style=\"margin:4px 0;\"><a href=\"{WebUtility.HtmlEncode(url)}\" style=\"color:#0b6e99;\">报名</a></p>"
            : "",
        ["registration_text"] = RegistrationUrl(e) is { } link ? $"报名：{link}" : "",
    };

    // An event with seats registers in the hub, through the reader's own link (filled in per reader like the unsubscribe
    // link, so a copy's link registers that reader); others keep the link their organiser gave.
    private static string? RegistrationUrl(DigestEvent e) =>
        e.Capacity is not null ? UnsubscribeUrl + DigestLinks.SeatsSegment + e.Id.ToString(CultureInfo.InvariantCulture) : e.RegistrationUrl;

    // Markup-producing values (ending in _html) are built encoded already; everything else is encoded here.
    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool encode)
    {
        var result = new StringBuilder(template);
        foreach (var (name, value) in values)
        {
            var safe = encode && !name.EndsWith("_html", StringComparison.Ordinal) ? WebUtility.HtmlEncode(value) : value;
            result.Replace("{{" + name + "}}", safe);
        }

        return result.ToString();
    }

    private static string Load(string? folder, string file, string builtIn) =>
        folder is { Length: > 0 } && File.Exists(Path.Combine(folder, file)) ? File.ReadAllText(Path.Combine(folder, file)) : builtIn;
}
