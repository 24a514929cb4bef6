using System.Net;
using System.Text.RegularExpressions;

namespace Outreach.Dashboard.Tests.Hosting;

/// <summary>Reads what a browser would from the pages: antiforgery tokens and attributes.</summary>
public static partial class Html
{
    /// <summary>The hidden antiforgery field Razor Pages put in every POST form.</summary>
    public static string FormToken(string html)
    {
        var match = FormTokenPattern().Match(html);
        Assert.True(match.Success, "The page has no form with an antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The header name and token Hangfire's pages carry in meta tags for their AJAX posts.</summary>
    public static (string Header, string Token) HangfireCsrf(string html)
    {
        var header = MetaPattern("csrf-header").Match(html);
        var token = MetaPattern("csrf-token").Match(html);
        Assert.True(header.Success && token.Success, "The Hangfire page carries no antiforgery meta tags.");
        return (WebUtility.HtmlDecode(header.Groups[1].Value), WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    /// <summary>The values of an attribute on the page, e.g. every data-url of Hangfire's list buttons.</summary>
    public static IReadOnlyList<string> AttributeValues(string html, string attribute) =>
        new Regex($"{Regex.Escape(attribute)}=\"([^\"]*)\"").Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    private static Regex MetaPattern(string name) => new($"<meta name=\"{name}\" content=\"([^\"]*)\"");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
