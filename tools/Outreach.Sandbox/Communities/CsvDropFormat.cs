using System.Text;

namespace Outreach.Sandbox.Communities;

/// <summary>How a community's CSV export looks: its encoding and the language of its headers and yes/no values.</summary>
internal sealed record CsvDropFormat(Encoding Encoding, bool Chinese)
{
    public const string Gb18030 = "gb18030";
    public const string Utf8Bom = "utf8bom";
    public const string Utf8 = "utf8";
    public const string ChineseHeaders = "zh";
    public const string EnglishHeaders = "en";

    static CsvDropFormat()
    {
        // GB18030 is not built into .NET; Excel on Chinese Windows exports it.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static string? Problem(string encoding, string headers) =>
        EncodingFor(encoding) is null ? $"unknown drop encoding '{encoding}' (gb18030, utf8bom or utf8)."
        : headers is not (ChineseHeaders or EnglishHeaders) ? $"unknown drop headers '{headers}' (zh or en)."
        : null;

    public static CsvDropFormat Parse(string encoding, string headers)
    {
        if (Problem(encoding, headers) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        return new CsvDropFormat(EncodingFor(encoding)!, headers == ChineseHeaders);
    }

    private static Encoding? EncodingFor(string name) => name switch
    {
        Gb18030 => Encoding.GetEncoding("GB18030"),
        Utf8Bom => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        Utf8 => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        _ => null,
    };
}
