using System.Net;
using Microsoft.Extensions.Options;
using Outreach.Worker.Digests.Events;

namespace Outreach.Worker.Digests;

/// <summary>Stops the host at start when the digests are configured wrongly, naming the key to fix.</summary>
internal sealed class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    private const string S = DigestOptions.Section;

    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        var failures = new List<string>();
        if (!options.PublicBaseUrlFromDashboard && !string.IsNullOrWhiteSpace(options.PublicBaseUrl) && PublicBaseProblem(options.PublicBaseUrl) is { } problem)
            failures.Add($"{S}:PublicBaseUrl '{options.PublicBaseUrl}' {problem}");
        if (options.TokenKey is { } key && key.Length < 32)
            failures.Add($"{S}:TokenKey must be at least 32 characters (or left unset to derive it from Outreach:PersonalData:HashKey)");
        if (options.HorizonDays is < 1 or > 60)
            failures.Add($"{S}:HorizonDays must be between 1 and 60");
        if (string.IsNullOrWhiteSpace(options.LibraryName))
            failures.Add($"{S}:LibraryName must not be empty");
        if (options.TemplateFolder is { Length: > 0 } folder && !Directory.Exists(folder))
            failures.Add($"{S}:TemplateFolder '{folder}' does not exist");
        if (options.ProgressInterval < TimeSpan.FromMilliseconds(100) || options.ProgressInterval > TimeSpan.FromMinutes(5))
            failures.Add($"{S}:ProgressInterval must be between 00:00:00.1 and 00:05:00");
        if (options.MaxConsecutiveDeferrals is < 1 or > 10_000)
            failures.Add($"{S}:MaxConsecutiveDeferrals must be between 1 and 10000");

        foreach (var (feed, settings) in options.Feeds)
        {
            if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                failures.Add($"{S}:Feeds:{feed}:Url must be an absolute http or https URL");
            if (!EventKinds.IsKnown(settings.Kind))
                failures.Add($"{S}:Feeds:{feed}:Kind '{settings.Kind}' is not a kind of event ({string.Join(", ", EventKinds.All.Select(k => k.Code))})");
            if (settings.ExpandDays is < 1 or > 400)
                failures.Add($"{S}:Feeds:{feed}:ExpandDays must be between 1 and 400");
        }

        foreach (var (holder, apiKey) in options.ApiKeys)
        {
            if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length < 24)
                failures.Add($"{S}:ApiKeys:{holder} must be at least 24 characters");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? PublicBaseProblem(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return "must be an absolute https URL";
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            return "must be https: residents' mail clients open it (http is allowed on loopback only)";
        return null;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
