namespace Outreach.Dashboard.Hangfire;

/// <summary>
/// Hangfire writes times ("3 分钟前", the footer's clock) in the browser with moment.js, in the locale its page's
/// <c>lang</c> names: the request culture's two letters. moment knows Chinese as "zh-cn", not "zh", so Chinese pages
/// showed "a minute ago" and "12/5/2026 1:04:04 AM". Chinese pages are given the locale moment knows.
/// </summary>
internal static class HangfireTimeLocale
{
    private const string HangfireChinese = "<html lang=\"zh\">";
    private const string MomentChinese = "<html lang=\"zh-cn\">";
    private static readonly string[] NotPages = ["/js", "/css", "/fonts"];

    public static IApplicationBuilder UseHangfireTimeLocale(this IApplicationBuilder app) => app.UseHangfirePageRewrite(
        context => context.Request.Path.StartsWithSegments(HangfireDashboard.Path, StringComparison.OrdinalIgnoreCase, out var rest) && IsPage(rest),
        (_, html) => html.Replace(HangfireChinese, MomentChinese, StringComparison.Ordinal));

    // Its scripts (/js1825…), styles (/css1825…) and fonts are not pages: they pass untouched and unheld.
    private static bool IsPage(PathString rest) =>
        !NotPages.Any(prefix => rest.Value?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true);
}
