using System.Buffers;
using System.Text;

namespace Outreach.Integrations.Communities.CsvDrop;

/// <summary>
/// Tells UTF-8 (with or without BOM) from GB18030, the encoding of Excel exports on Chinese Windows.
/// Without a BOM the whole file is checked: a GB18030 file can look like UTF-8 for many lines.
/// </summary>
internal static class RosterEncodingDetector
{
    private const int BufferSize = 64 * 1024;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>UTF-8 that announces its BOM, so that a reader given it skips the BOM.</summary>
    public static Encoding Utf8WithBom { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static Encoding Gb18030 { get; } = LoadGb18030();

    /// <summary>Reads the stream to its end from where it stands, then puts it back there.</summary>
    public static async Task<Encoding> DetectAsync(Stream stream, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        try
        {
            return await DetectFromHereAsync(stream, cancellationToken);
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static async Task<Encoding> DetectFromHereAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(BufferSize);
        // UTF-8 never decodes to more chars than it has bytes; the extra room is for a character left over from the last buffer.
        var chars = ArrayPool<char>.Shared.Rent(BufferSize + 4);
        try
        {
            var read = await stream.ReadAtLeastAsync(bytes.AsMemory(0, BufferSize), Utf8Bom.Length, throwOnEndOfStream: false, cancellationToken);
            if (bytes.AsSpan(0, read).StartsWith(Utf8Bom))
                return Utf8WithBom;

            // GetChars, not GetCharCount: only GetChars carries a character split between two buffers over to the next.
            var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
            try
            {
                while (read > 0)
                {
                    decoder.GetChars(bytes.AsSpan(0, read), chars, flush: false);
                    read = await stream.ReadAsync(bytes.AsMemory(0, BufferSize), cancellationToken);
                }
                decoder.GetChars([], chars, flush: true);
                return Utf8;
            }
            catch (DecoderFallbackException)
            {
                return Gb18030;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static Encoding LoadGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
