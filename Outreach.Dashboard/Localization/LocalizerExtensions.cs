using Microsoft.Extensions.Localization;

namespace Outreach.Dashboard.Localization;

public static class LocalizerExtensions
{
    /// <summary>
    /// The words for a stored code ("Status." + "running"), or the code itself when the resource has none: a code
    /// added later still shows, as data, rather than as a resource key.
    /// </summary>
    public static string Label(this IStringLocalizer text, string prefix, string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "";
        }

        var found = text[prefix + code];
        return found.ResourceNotFound ? code : found.Value;
    }

    /// <summary>Whether the resource has words for the code.</summary>
    public static bool Knows(this IStringLocalizer text, string prefix, string? code) =>
        !string.IsNullOrEmpty(code) && !text[prefix + code].ResourceNotFound;
}
