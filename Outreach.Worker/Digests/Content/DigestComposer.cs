using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using Outreach.Integrations.Mail;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Links;

namespace Outreach.Worker.Digests.Content;

/// <summary>Prepares a digest once (bodies per choice of kinds, one .ics per event), then composes each reader's message cheaply.</summary>
public sealed class DigestComposer(DigestTemplate template, DigestLinks links, DigestTokens tokens, IOptions<MailOptions> mail, LibraryCalendar calendar)
{
    public const string DeliveryHeader = "X-Outreach-Delivery";

    public PreparedDigest Prepare(DigestContent content)
    {
        var options = mail.Value;
        if (!options.IsConfigured)
            throw new MailNotConfiguredException();

        var from = new MailboxAddress(options.FromName ?? "", MailboxAddress.Parse(options.From!).Address);
        // Each .ics is the same for every reader: base64-encoded once per digest.
        var calendars = content.Events.ToDictionary(e => e.Id, e => System.Text.Encoding.ASCII.GetBytes(
            Convert.ToBase64String(EventCalendarFile.Create(e, calendar.Zone, from.Address), Base64FormattingOptions.InsertLineBreaks) + "\r\n"));
        return new PreparedDigest(content, template, links, tokens, from,
            string.IsNullOrWhiteSpace(options.ReplyTo) ? null : MailboxAddress.Parse(options.ReplyTo), calendars, calendar);
    }
}

/// <summary>One digest ready to send: thread-safe, shared by the sending lanes.</summary>
public sealed class PreparedDigest
{
    private readonly DigestTemplate _template;
    private readonly DigestLinks _links;
    private readonly DigestTokens _tokens;
    private readonly MailboxAddress _from;
    private readonly MailboxAddress? _replyTo;
    private readonly IReadOnlyDictionary<long, byte[]> _calendars;
    private readonly LibraryCalendar _calendar;
    private readonly ConcurrentDictionary<string, KindsChoice?> _byKinds = new(StringComparer.Ordinal);
    private readonly Header[] _listHeaders;
    private readonly string _domain;
    private readonly Header _subject;

    internal PreparedDigest(DigestContent content, DigestTemplate template, DigestLinks links, DigestTokens tokens, MailboxAddress from,
        MailboxAddress? replyTo, IReadOnlyDictionary<long, byte[]> calendars, LibraryCalendar calendar)
    {
        Content = content;
        _template = template;
        _links = links;
        _tokens = tokens;
        _from = from;
        _replyTo = replyTo;
        _calendars = calendars;
        _calendar = calendar;
        _domain = from.Address[(from.Address.LastIndexOf('@') + 1)..];
        // The same for every copy: encoded once, each message gets copies.
        _listHeaders =
        [
            new Header(HeaderId.ListId, $"<{content.Community.ToLowerInvariant()}.digest.{_domain}>"),
            new Header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            new Header("Precedence", "bulk"),
            new Header("Auto-Submitted", "auto-generated"),
        ];
        // Encoded (RFC 2047) once; each message gets a copy of the encoded header.
        _subject = new Header(System.Text.Encoding.UTF8, HeaderId.Subject, content.Subject);
    }

    public DigestContent Content { get; }

    /// <summary>
    /// The message for one reader, showing the kinds they chose (null: all); null when none of the digest's events is of them.
    /// Reader id 0 composes a staff test message whose links lead nowhere.
    /// </summary>
    public OutgoingMail? Compose(long readerId, string address, IReadOnlyCollection<string>? kinds, string? subjectPrefix = null)
    {
        var key = kinds is null ? "*" : string.Join(',', kinds.Order(StringComparer.Ordinal));
        var chosen = _byKinds.GetOrAdd(key, _ =>
        {
            var events = kinds is null ? Content.Events : Content.Events.Where(e => kinds.Contains(e.Kind)).ToList();
            if (events.Count == 0)
                return null;
            var bodies = _template.Render(Content, events);
            return new KindsChoice(new PersonalizedBody(bodies.Text), new PersonalizedBody(bodies.Html), events);
        });
        if (chosen is not { } found)
            return null;

        var links = _links.For(readerId);
        var delivery = new DeliveryKey(Content.DigestId, readerId);
        var tag = readerId == 0 ? null : _tokens.ForDelivery(delivery);
        // Fresh address objects per message: an address list subscribes to its addresses' change events, so a shared
        // MailboxAddress would keep every message ever composed alive.
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(_from.Name, _from.Address));
        if (_replyTo is not null)
            message.ReplyTo.Add(new MailboxAddress(_replyTo.Name, _replyTo.Address));
        message.To.Add(new MailboxAddress("", address));
        if (subjectPrefix is null)
            message.Headers.Replace(_subject.Clone());
        else
            message.Subject = subjectPrefix + Content.Subject;
        message.Date = _calendar.Local(_calendar.Now);
        message.MessageId = $"digest-{Content.DigestId}.{tag ?? links.Token}@{_domain}";
        message.Headers.Add(_listHeaders[0].Clone());
        message.Headers.Add(HeaderId.ListUnsubscribe, $"<{links.UnsubscribeUrl}>, <{links.UnsubscribeMailto}>");
        for (var i = 1; i < _listHeaders.Length; i++)
            message.Headers.Add(_listHeaders[i].Clone());
        if (tag is not null)
            message.Headers.Add(DigestComposer.DeliveryHeader, tag);

        message.Body = found.BodyFor(links, readerId, this);
        return new OutgoingMail(message, address, tag);
    }

    /// <summary>The multipart body MimeKit composes whole: text and HTML with the reader's links, then one .ics per event.</summary>
    internal Multipart ComposeBody(KindsChoice found, ReaderLinks links, List<(byte[] Utf8, IReadOnlyList<ReaderLink> Links)>? texts = null)
    {
        var alternative = new MultipartAlternative
        {
            TextPart(found.Text, "plain", links, texts),
            TextPart(found.Html, "html", links, texts),
        };
        var mixed = new Multipart("mixed") { alternative };
        var index = 0;
        foreach (var e in found.Events)
        {
            index++;
            mixed.Add(new MimePart("text", "calendar")
            {
                ContentType = { Charset = "utf-8", Parameters = { { "method", "PUBLISH" } } },
                Content = new MimeContent(new MemoryStream(_calendars[e.Id], writable: false), ContentEncoding.Base64),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = $"event-{index}.ics",
            });
        }

        return mixed;
    }

    private static TextPart TextPart(PersonalizedBody body, string subtype, ReaderLinks links,
        List<(byte[] Utf8, IReadOnlyList<ReaderLink> Links)>? texts)
    {
        var offsets = new List<ReaderLink>();
        var utf8 = body.Render(Encoding.ASCII.GetBytes(links.UnsubscribeUrl), Encoding.ASCII.GetBytes(links.PreferencesUrl), offsets);
        texts?.Add((utf8, offsets));
        return PersonalizedBody.Encoded(new TextPart(subtype), utf8);
    }
}

/// <summary>A digest's bodies for one choice of kinds, and (once a first reader's body was composed) their template.</summary>
internal sealed class KindsChoice(PersonalizedBody text, PersonalizedBody html, IReadOnlyList<DigestEvent> events)
{
    private readonly Lock _gate = new();
    private DigestBodyTemplate? _template;
    private bool _templateTried;

    public PersonalizedBody Text { get; } = text;

    public PersonalizedBody Html { get; } = html;

    public IReadOnlyList<DigestEvent> Events { get; } = events;

    /// <summary>A staff test (reader 0) and the first reader get a body composed whole; the first one's becomes the template.</summary>
    public MimeEntity BodyFor(ReaderLinks links, long readerId, PreparedDigest digest)
    {
        if (readerId != 0 && Volatile.Read(ref _template) is { } template && template.For(links) is { } spliced)
            return spliced;

        var texts = new List<(byte[] Utf8, IReadOnlyList<ReaderLink> Links)>();
        var body = digest.ComposeBody(this, links, texts);
        if (readerId != 0)
        {
            lock (_gate)
            {
                if (!_templateTried)
                {
                    _templateTried = true;
                    Volatile.Write(ref _template, DigestBodyTemplate.Create(body, links, texts));
                }
            }
        }

        return body;
    }
}
