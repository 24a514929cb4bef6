using System.Text;
using MimeKit;

namespace Outreach.Worker.Digests.Content;

/// <summary>
/// A rendered body cut at the reader's placeholders and kept as UTF-8, so that each reader's copy is one concatenation
/// and one base64 pass: the MIME part then carries its content already encoded, and writing the message (twice, when the
/// relay announces SIZE) copies bytes instead of encoding again.
/// </summary>
internal sealed class PersonalizedBody
{
    private readonly byte[][] _segments;
    private readonly bool[] _unsubscribeAfter;

    public PersonalizedBody(string body)
    {
        var segments = new List<byte[]>();
        var unsubscribeAfter = new List<bool>();
        var rest = body.AsSpan();
        while (true)
        {
            var unsubscribe = rest.IndexOf(DigestTemplate.UnsubscribeUrl, StringComparison.Ordinal);
            var preferences = rest.IndexOf(DigestTemplate.PreferencesUrl, StringComparison.Ordinal);
            if (unsubscribe < 0 && preferences < 0)
                break;

            var isUnsubscribe = preferences < 0 || (unsubscribe >= 0 && unsubscribe < preferences);
            var at = isUnsubscribe ? unsubscribe : preferences;
            segments.Add(Encoding.UTF8.GetBytes(rest[..at].ToString()));
            unsubscribeAfter.Add(isUnsubscribe);
            rest = rest[(at + (isUnsubscribe ? DigestTemplate.UnsubscribeUrl : DigestTemplate.PreferencesUrl).Length)..];
        }

        segments.Add(Encoding.UTF8.GetBytes(rest.ToString()));
        _segments = [.. segments];
        _unsubscribeAfter = [.. unsubscribeAfter];
    }

    /// <summary>A text part (plain or html) with this body for one reader, base64-encoded once.</summary>
    public TextPart Part(string subtype, string unsubscribeUrl, string preferencesUrl) =>
        Encoded(new TextPart(subtype), Render(Encoding.ASCII.GetBytes(unsubscribeUrl), Encoding.ASCII.GetBytes(preferencesUrl)));

    /// <summary>The body for one reader as UTF-8; <paramref name="links"/>, when given, receives where each link starts.</summary>
    public byte[] Render(byte[] unsubscribe, byte[] preferences, List<ReaderLink>? links = null)
    {
        var length = _segments.Sum(s => s.Length) + _unsubscribeAfter.Sum(u => u ? unsubscribe.Length : preferences.Length);
        var utf8 = new byte[length];
        var offset = 0;
        for (var i = 0; i < _segments.Length; i++)
        {
            _segments[i].CopyTo(utf8, offset);
            offset += _segments[i].Length;
            if (i < _unsubscribeAfter.Length)
            {
                var link = _unsubscribeAfter[i] ? unsubscribe : preferences;
                links?.Add(new ReaderLink(offset, _unsubscribeAfter[i]));
                link.CopyTo(utf8, offset);
                offset += link.Length;
            }
        }

        return utf8;
    }

    /// <summary>Gives a part content already base64-encoded (76-character lines), as MIME wants it.</summary>
    public static T Encoded<T>(T part, byte[] content)
        where T : MimePart
    {
        var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(content, Base64FormattingOptions.InsertLineBreaks) + "\r\n");
        part.ContentType.Charset = "utf-8";
        part.ContentTransferEncoding = ContentEncoding.Base64;
        part.Content = new MimeContent(new MemoryStream(base64, writable: false), ContentEncoding.Base64);
        return part;
    }
}

/// <summary>Where a reader's link starts in a rendered body, and which link it is.</summary>
internal readonly record struct ReaderLink(int Offset, bool IsUnsubscribe);
