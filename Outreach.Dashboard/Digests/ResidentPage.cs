using System.Text;
using System.Text.Encodings.Web;
using Outreach.Worker.Digests.Links;

namespace Outreach.Dashboard.Digests;

/// <summary>The small pages residents see from a digest's links: Chinese, no staff navigation, no scripts.</summary>
internal static class ResidentPage
{
    /// <summary>
    /// The pages' stylesheet, served as a file: the dashboard's content security policy (default-src 'self') drops
    /// inline styles. It lies under the links' own path, which is all a resident needs to reach.
    /// </summary>
    public const string StylesheetFile = "resident.css";

    public const string StylesheetPath = DigestLinks.UnsubscribePath + "/" + StylesheetFile;

    public const string Style = """
        body{margin:0;background:#f5f7fa;font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2933}
        main{max-width:32rem;margin:3rem auto;padding:1.5rem 2rem;background:#fff;border:1px solid #d9e2ec;border-radius:6px}
        h1{font-size:1.3rem;margin:0 0 1rem}button{font:inherit;padding:.45rem 1.2rem;border:1px solid #0b6e99;border-radius:4px;background:#0b6e99;color:#fff;cursor:pointer}
        label{display:block;margin:.3rem 0}.muted{color:#616e7c;font-size:.9rem}a{color:#0b6e99}
        """;

    public static IResult Html(string title, string body, int statusCode = StatusCodes.Status200OK)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\"><title>").Append(Encode(title)).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(StylesheetPath).Append("\"></head><body><main>")
            .Append("<h1>").Append(Encode(title)).Append("</h1>")
            .Append(body)
            .Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
