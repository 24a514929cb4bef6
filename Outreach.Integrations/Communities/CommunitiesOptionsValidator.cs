using Microsoft.Extensions.Options;

namespace Outreach.Integrations.Communities;

/// <summary>Stops the host at start when a community's connection settings are wrong, naming the key to fix.</summary>
internal sealed class CommunitiesOptionsValidator : IValidateOptions<CommunitiesOptions>
{
    private const int MaxPageSize = 5000;

    public ValidateOptionsResult Validate(string? name, CommunitiesOptions options)
    {
        var failures = new List<string>();
        var root = string.IsNullOrWhiteSpace(options.FileDropRoot) ? null : WithTrailingSeparator(Path.GetFullPath(options.FileDropRoot));

        foreach (var (code, community) in options.Communities)
        {
            if (!CommunitiesOptions.IsCommunityCode(code))
            {
                failures.Add($"{CommunitiesOptions.CommunitiesPath}:{code} is not a community code: use letters, digits and hyphens only");
                continue;
            }
            ValidateCommunity(code, community, root, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateCommunity(string code, CommunityOptions community, string? root, List<string> failures)
    {
        string Key(string setting) => CommunitiesOptions.KeyOf(code, setting);

        switch (community.Kind)
        {
            case CommunityKind.Rest:
                if (string.IsNullOrWhiteSpace(community.BaseUrl))
                    failures.Add($"{Key(nameof(community.BaseUrl))} is required for a rest community");
                else if (!Uri.TryCreate(community.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    failures.Add($"{Key(nameof(community.BaseUrl))} '{community.BaseUrl}' must be an absolute http or https address");
                if (string.IsNullOrWhiteSpace(community.Token))
                    failures.Add($"{Key(nameof(community.Token))} is required for a rest community");
                if (community.PageSize is < 1 or > MaxPageSize)
                    failures.Add($"{Key(nameof(community.PageSize))} must be between 1 and {MaxPageSize}");
                break;
            case CommunityKind.Csv:
                if (string.IsNullOrWhiteSpace(community.DropFolder))
                    failures.Add($"{Key(nameof(community.DropFolder))} is required for a csv community");
                else if (root is not null && !IsInside(community.DropFolder, root))
                    failures.Add($"{Key(nameof(community.DropFolder))} '{community.DropFolder}' lies outside {CommunitiesOptions.FileDropRootPath}");
                break;
            default:
                failures.Add($"{Key(nameof(community.Kind))} is required: rest or csv");
                break;
        }
    }

    private static bool IsInside(string folder, string rootWithSeparator)
    {
        var full = WithTrailingSeparator(Path.GetFullPath(folder));
        return full.StartsWith(rootWithSeparator, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static string WithTrailingSeparator(string path) =>
        Path.EndsInDirectorySeparator(path) ? path : path + Path.DirectorySeparatorChar;
}
