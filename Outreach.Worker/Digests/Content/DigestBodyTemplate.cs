using System.Buffers.Text;
using System.Text;
using MimeKit;
using Outreach.Worker.Digests.Links;

namespace Outreach.Worker.Digests.Content;

/// <summary>
/// The multipart body of a digest for one choice of kinds, written by MimeKit once for a first reader; every other
/// reader's body is that same content with their links spliced into the base64 of the text and HTML parts, so only the
/// few base64 lines that carry a link are encoded per reader and nothing else is built or copied. A reader whose links
/// differ in length from the template's cannot be spliced (<see cref="For"/> returns null) and gets a body composed whole.
/// </summary>
internal sealed class DigestBodyTemplate
{
    // Base64 with line breaks: 57 bytes of content become 76 characters and a CRLF.
    private const int BytesPerLine = 57;
    private const int LineStride = 78;

    private readonly byte[] _content;
    private readonly string _boundary;
    private readonly TextSlot[] _slots;
    private readonly int _unsubscribeLength;
    private readonly int _preferencesLength;

    private DigestBodyTemplate(byte[] content, string boundary, TextSlot[] slots, int unsubscribeLength, int preferencesLength)
    {
        _content = content;
        _boundary = boundary;
        _slots = slots;
        _unsubscribeLength = unsubscribeLength;
        _preferencesLength = preferencesLength;
    }

    /// <summary>
    /// A text part of the template: its UTF-8 content, where its links are, where its base64 starts, and the base64 lines a
    /// link touches (the same for every reader, since links of the template's length sit at the template's offsets).
    /// </summary>
    private sealed record TextSlot(byte[] Utf8, IReadOnlyList<ReaderLink> Links, int Base64Start, int[] LinkLines);

    /// <summary>
    /// Writes <paramref name="body"/> (the first reader's, built by MimeKit from <paramref name="texts"/>) as the template.
    /// Null when a text part's base64 cannot be found verbatim in what MimeKit wrote (nothing is spliced then).
    /// </summary>
    public static DigestBodyTemplate? Create(Multipart body, ReaderLinks links,
        IReadOnlyList<(byte[] Utf8, IReadOnlyList<ReaderLink> Links)> texts)
    {
        if (body.Boundary is not { } boundary)
            return null;

        using var written = new MemoryStream();
        body.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, written, contentOnly: true);
        var content = written.ToArray();
        var slots = new List<TextSlot>();
        foreach (var (utf8, textLinks) in texts)
        {
            var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(utf8, Base64FormattingOptions.InsertLineBreaks));
            var start = content.AsSpan().IndexOf(base64);
            if (start < 0)
                return null;
            slots.Add(new TextSlot(utf8, textLinks, start, LinesOf(textLinks, links)));
        }

        return new DigestBodyTemplate(content, boundary, [.. slots], Encoding.ASCII.GetByteCount(links.UnsubscribeUrl),
            Encoding.ASCII.GetByteCount(links.PreferencesUrl));
    }

    /// <summary>The body for one reader, or null when their links cannot take the template's places.</summary>
    public MimeEntity? For(ReaderLinks links)
    {
        if (!Ascii.IsValid(links.UnsubscribeUrl) || !Ascii.IsValid(links.PreferencesUrl)
            || links.UnsubscribeUrl.Length != _unsubscribeLength || links.PreferencesUrl.Length != _preferencesLength)
            return null;

        var unsubscribe = Encoding.ASCII.GetBytes(links.UnsubscribeUrl);
        var preferences = Encoding.ASCII.GetBytes(links.PreferencesUrl);
        var splices = new List<Splice>();
        foreach (var slot in _slots)
            AddSplices(slot, unsubscribe, preferences, splices);
        return new SplicedBody(_content, _boundary, splices);
    }

    private static int[] LinesOf(IReadOnlyList<ReaderLink> links, ReaderLinks sample)
    {
        var lines = new SortedSet<int>();
        foreach (var link in links)
        {
            var length = (link.IsUnsubscribe ? sample.UnsubscribeUrl : sample.PreferencesUrl).Length;
            for (var line = link.Offset / BytesPerLine; line <= (link.Offset + length - 1) / BytesPerLine; line++)
                lines.Add(line);
        }

        return [.. lines];
    }

    // The base64 lines of one text part that a link touches, encoded again with the reader's link in place.
    private static void AddSplices(TextSlot slot, byte[] unsubscribe, byte[] preferences, List<Splice> splices)
    {
        Span<byte> window = stackalloc byte[BytesPerLine];
        foreach (var line in slot.LinkLines)
        {
            var from = line * BytesPerLine;
            var count = Math.Min(BytesPerLine, slot.Utf8.Length - from);
            var bytes = window[..count];
            slot.Utf8.AsSpan(from, count).CopyTo(bytes);
            foreach (var link in slot.Links)
            {
                var value = link.IsUnsubscribe ? unsubscribe : preferences;
                var start = Math.Max(link.Offset, from);
                var end = Math.Min(link.Offset + value.Length, from + count);
                if (start < end)
                    value.AsSpan(start - link.Offset, end - start).CopyTo(bytes[(start - from)..]);
            }

            var encoded = new byte[Base64.GetMaxEncodedToUtf8Length(count)];
            Base64.EncodeToUtf8(bytes, encoded, out _, out _);
            splices.Add(new Splice(slot.Base64Start + line * LineStride, encoded));
        }
    }
}

/// <summary>Bytes of a reader's own that replace as many bytes of the template at an offset.</summary>
internal readonly record struct Splice(int Offset, byte[] Bytes);

/// <summary>A reader's digest body: the template's bytes with the reader's splices, written straight to the stream.</summary>
internal sealed class SplicedBody : MimeEntity
{
    private static readonly FormatOptions Dos = new() { NewLineFormat = NewLineFormat.Dos };

    private readonly byte[] _content;
    private readonly IReadOnlyList<Splice> _splices;

    public SplicedBody(byte[] content, string boundary, List<Splice> splices)
        : base(new ContentType("multipart", "mixed") { Boundary = boundary })
    {
        _content = content;
        splices.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        _splices = splices;
    }

    /// <summary>Already 7-bit: base64 parts and ASCII headers.</summary>
    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly = false, CancellationToken cancellationToken = default)
    {
        using var target = Target(options, stream);
        if (!contentOnly)
            Headers.WriteTo(Dos, target.Stream, cancellationToken);
        var at = 0;
        foreach (var splice in _splices)
        {
            cancellationToken.ThrowIfCancellationRequested();
            target.Stream.Write(_content, at, splice.Offset - at);
            target.Stream.Write(splice.Bytes);
            at = splice.Offset + splice.Bytes.Length;
        }

        target.Stream.Write(_content, at, _content.Length - at);
        target.Stream.Flush();
    }

    // The array overloads on purpose: MailKit's SMTP stream overrides only those, and Stream's memory overloads would copy
    // every slice into a rented array first.
#pragma warning disable CA1835
    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly = false,
        CancellationToken cancellationToken = default)
    {
        using var target = Target(options, stream);
        if (!contentOnly)
            await Headers.WriteToAsync(Dos, target.Stream, cancellationToken);
        var at = 0;
        foreach (var splice in _splices)
        {
            await target.Stream.WriteAsync(_content, at, splice.Offset - at, cancellationToken);
            await target.Stream.WriteAsync(splice.Bytes, 0, splice.Bytes.Length, cancellationToken);
            at = splice.Offset + splice.Bytes.Length;
        }

        await target.Stream.WriteAsync(_content, at, _content.Length - at, cancellationToken);
        await target.Stream.FlushAsync(cancellationToken);
    }
#pragma warning restore CA1835

    // The template is CRLF (as SMTP and DKIM want it); any other newline format is converted on the way out.
    private static WriteTarget Target(FormatOptions options, Stream stream)
    {
        if (options.NewLineFormat == NewLineFormat.Dos)
            return new WriteTarget(stream, null);
        var filtered = new MimeKit.IO.FilteredStream(stream);
        filtered.Add(new MimeKit.IO.Filters.Dos2UnixFilter());
        return new WriteTarget(filtered, filtered);
    }

    private readonly record struct WriteTarget(Stream Stream, IDisposable? Owned) : IDisposable
    {
        public void Dispose() => Owned?.Dispose();
    }
}
