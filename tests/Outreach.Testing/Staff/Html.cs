using System.Net;
using System.Text.RegularExpressions;

namespace Outreach.Testing.Staff;

/// <summary>Reads what a browser would from the pages: antiforgery tokens and attribute values.</summary>
public static partial class Html
{
    /// <summary>The hidden antiforgery field Razor Pages put in every POST form; the test fails when the page has none.</summary>
    public static string FormToken(string html) =>
        FindFormToken(html) ?? throw new Xunit.Sdk.XunitException("The page has no form with an antiforgery token.");

    /// <summary>The hidden antiforgery field Razor Pages put in every POST form, or null when the page has none.</summary>
    public static string? FindFormToken(string html)
    {
        var match = FormTokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The header name and token Hangfire's pages carry in meta tags for their AJAX posts; the test fails without.</summary>
    public static (string Header, string Token) HangfireCsrf(string html) =>
        FindHangfireCsrf(html) ?? throw new Xunit.Sdk.XunitException("The Hangfire page carries no antiforgery meta tags.");

    /// <summary>The header name and token Hangfire's pages carry in meta tags for their AJAX posts, or null.</summary>
    public static (string Header, string Token)? FindHangfireCsrf(string html)
    {
        var header = MetaPattern("csrf-header").Match(html);
        var token = MetaPattern("csrf-token").Match(html);
        return header.Success && token.Success
            ? (WebUtility.HtmlDecode(header.Groups[1].Value), WebUtility.HtmlDecode(token.Groups[1].Value))
            : null;
    }

    /// <summary>The values of an attribute on the page, e.g. every data-url of Hangfire's buttons.</summary>
    public static IReadOnlyList<string> AttributeValues(string html, string attribute) =>
        new Regex($"\\s{Regex.Escape(attribute)}=\"([^\"]*)\"").Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    private static Regex MetaPattern(string name) => new($"<meta name=\"{name}\" content=\"([^\"]*)\"");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
