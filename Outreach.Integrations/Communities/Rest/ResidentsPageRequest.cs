using System.Globalization;

namespace Outreach.Integrations.Communities.Rest;

/// <summary>
/// Which page of residents to ask for. The first page carries the stored cursor as <c>since</c> (none for a full
/// snapshot); later pages follow the previous page's <c>next</c>: a link when the system sends one, else a cursor
/// sent back as <c>since</c>.
/// </summary>
internal sealed record ResidentsPageRequest(string? Since, string? NextLink = null)
{
    public static ResidentsPageRequest First(string? sinceCursor) => new(sinceCursor);

    public static ResidentsPageRequest Following(string next) =>
        next.StartsWith('/') || Uri.TryCreate(next, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new(Since: null, NextLink: next)
            : new(Since: next);

    /// <summary>The API root: BaseUrl with <c>/api/v1</c>, whether BaseUrl ends in a slash or not.</summary>
    public static string ApiRoot(CommunityOptions community) => $"{community.BaseUrl!.TrimEnd('/')}/api/v1";

    public Uri ToUri(CommunityOptions community)
    {
        if (NextLink is not null)
            return new Uri(new Uri(community.BaseUrl!), NextLink);

        var limit = community.PageSize.ToString(CultureInfo.InvariantCulture);
        var since = Since is null ? string.Empty : $"&since={Uri.EscapeDataString(Since)}";
        return new Uri($"{ApiRoot(community)}/residents?limit={limit}{since}");
    }
}
