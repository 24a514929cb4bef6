using System.Net;

namespace Outreach.Sandbox.Hosting;

/// <summary>The frame of the sandbox's few HTML pages.</summary>
internal static class HtmlPage
{
    private const string Style = """
        body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem; color: #222; }
        table { border-collapse: collapse; } th, td { border-bottom: 1px solid #ddd; padding: .3rem .8rem; text-align: left; }
        nav a { margin-right: 1rem; } pre { background: #f6f6f6; padding: 1rem; white-space: pre-wrap; }
        iframe { width: 100%; height: 32rem; border: 1px solid #ccc; } .muted { color: #777; }
        """;

    public static IResult Result(string title, string bodyHtml) => Results.Content($"""
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>{Encode(title)}</title><style>{Style}</style></head>
        <body><nav><a href="/">Sandbox</a><a href="/mail">Mail</a></nav><h1>{Encode(title)}</h1>
        {bodyHtml}
        </body></html>
        """, "text/html; charset=utf-8");

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
