using System.Globalization;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Localization;

/// <summary>
/// The cultures staff pages are served in: Simplified Chinese by default (both the script tag browsers send and the
/// region tag), English on request. A staff member's choice is kept with the account and travels in the session as
/// <see cref="ClaimType"/>; before login, a cookie set by the language switch, then the browser's Accept-Language.
/// </summary>
public static class StaffCultures
{
    public const string ClaimType = "outreach:language";

    /// <summary>The language switch's cookie: the choice also holds on the login page, before the account is known.</summary>
    public const string CookieName = "outreach.language";

    public const string Default = StaffLanguages.Chinese;

    public static IReadOnlyList<string> Supported { get; } = [StaffLanguages.Chinese, "zh-CN", StaffLanguages.English];

    /// <summary>The request is served in Chinese (zh-Hans, zh-CN or any other Chinese culture that fell back to them).</summary>
    public static bool IsChinese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh";

    /// <summary>The stored language the current request is in: what the switch offers the other of.</summary>
    public static string Current => IsChinese(CultureInfo.CurrentUICulture) ? StaffLanguages.Chinese : StaffLanguages.English;
}
